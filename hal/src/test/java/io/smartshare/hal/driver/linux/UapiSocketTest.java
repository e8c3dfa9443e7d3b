package io.smartshare.hal.driver.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.PeerTransfer;
import io.smartshare.hal.dataplane.WireGuardKey;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading counters from a userspace WireGuard's control socket, against a stand-in server. */
class UapiSocketTest {
    private static final byte[] A = filled(7);
    private static final byte[] B = filled(9);

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static final String ANSWER = "private_key=" + "11".repeat(32) + "\nlisten_port=51820\n"
            + "public_key=" + HexFormat.of().formatHex(A) + "\nendpoint=10.0.0.2:51820\nlast_handshake_time_sec=1\n"
            + "tx_bytes=404\nrx_bytes=348\npersistent_keepalive_interval=25\nallowed_ip=10.0.0.2/32\n"
            + "public_key=" + HexFormat.of().formatHex(B) + "\nrx_bytes=0\ntx_bytes=92\nprotocol_version=1\n"
            + "errno=0\n\n";

    /** Serves one connection: reads the request, checks it, writes {@code answer}. */
    private static CompletableFuture<String> serve(Path socket, String answer) throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.supplyAsync(() -> {
            try (server; SocketChannel client = server.accept()) {
                ByteBuffer request = ByteBuffer.allocate(64);
                while (request.position() < 7 && client.read(request) > 0) {
                    // the request is 7 bytes
                }
                client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
                return new String(request.array(), 0, request.position(), StandardCharsets.US_ASCII);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void countersOfEveryPeerAreReadWhateverTheOrderOfTheirFields(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("ssw0.sock");
        CompletableFuture<String> request = serve(socket, ANSWER);
        Map<WireGuardKey, PeerTransfer> counters = UapiSocket.transfer(socket);
        assertEquals("get=1\n\n", request.get());
        assertEquals(Map.of(WireGuardKey.of(A), new PeerTransfer(348, 404), WireGuardKey.of(B), new PeerTransfer(0, 92)),
                counters);
    }

    @Test
    void anErrorOrAMalformedAnswerIsRefusedSayingWhy(@TempDir Path dir) throws Exception {
        DataPlaneException errno = assertThrows(DataPlaneException.class,
                () -> UapiSocket.parse(dir, "errno=19\n\n"));
        assertTrue(errno.getMessage().contains("errno=19"), errno.getMessage());
        assertThrows(DataPlaneException.class, () -> UapiSocket.parse(dir, "rx_bytes=1\nerrno=0\n\n"));
        assertThrows(DataPlaneException.class, () -> UapiSocket.parse(dir, "public_key=zz\nerrno=0\n\n"));
        assertThrows(DataPlaneException.class, () -> UapiSocket.parse(dir, "public_key=" + "07".repeat(32)
                + "\nrx_bytes=-\nerrno=0\n\n"));
        DataPlaneException none = assertThrows(DataPlaneException.class,
                () -> UapiSocket.transfer(dir.resolve("absent.sock")));
        assertTrue(none.getMessage().contains("absent.sock"), none.getMessage());
    }

    @Test
    void aWireGuardThatNeverAnswersFailsTheReadInsteadOfHoldingItUp(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("ssw2.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<SocketChannel> silent = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept(); // takes the request, answers half a line, then nothing
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).thenApply(client -> {
                try {
                    client.write(ByteBuffer.wrap("private_key=".getBytes(StandardCharsets.US_ASCII)));
                    return client;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            DataPlaneException e = assertThrows(DataPlaneException.class, () -> UapiSocket.transfer(socket));
            assertTrue(e.getMessage().contains("no whole answer within " + UapiSocket.ANSWER_MILLIS + " ms"),
                    e.getMessage());
            silent.get().close();
        }
    }

    @Test
    void anAnswerThatNeverEndsIsCutAtTheBound(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("ssw1.sock");
        serve(socket, "x".repeat(UapiSocket.MAX_ANSWER_BYTES + 10));
        DataPlaneException e = assertThrows(DataPlaneException.class, () -> UapiSocket.transfer(socket));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }
}
