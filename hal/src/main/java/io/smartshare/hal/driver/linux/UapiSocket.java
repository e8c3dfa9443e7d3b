package io.smartshare.hal.driver.linux;

import io.smartshare.hal.dataplane.DataPlaneException;
import io.smartshare.hal.dataplane.PeerTransfer;
import io.smartshare.hal.dataplane.WireGuardKey;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a userspace WireGuard's per-peer counters from its control socket, in WireGuard's
 * cross-platform UAPI (wireguard.com/xplatform): the request {@code get=1} and an empty line;
 * the answer one {@code key=value} per line ({@code public_key} in hex opens each peer, then
 * its {@code rx_bytes} and {@code tx_bytes} among others), {@code errno=0} and an empty line.
 * The answer is read up to {@link #MAX_ANSWER_BYTES}, and for at most {@link #ANSWER_MILLIS}:
 * a WireGuard that does not answer fails the read, it never holds up the caller.
 */
final class UapiSocket {
    /** Far more than a tunnel with the mesh's most neighbours answers (about 300 bytes a peer). */
    static final int MAX_ANSWER_BYTES = 1 << 20;
    /** How long an answer may take in all: wireguard-go answers in about a millisecond. */
    static final long ANSWER_MILLIS = 2_000;

    private UapiSocket() {
    }

    static Map<WireGuardKey, PeerTransfer> transfer(Path socket) throws DataPlaneException {
        return parse(socket, ask(socket));
    }

    private static String ask(Path socket) throws DataPlaneException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("get=1\n\n".getBytes(StandardCharsets.US_ASCII)));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_MILLIS);
            ByteBuffer answer = ByteBuffer.allocate(8_192);
            while (true) {
                if (!answer.hasRemaining()) {
                    if (answer.capacity() >= MAX_ANSWER_BYTES) {
                        throw new DataPlaneException(socket + ": answer longer than " + MAX_ANSWER_BYTES + " bytes");
                    }
                    answer = ByteBuffer.allocate(answer.capacity() * 2).put(answer.flip());
                }
                int read = channel.read(answer);
                if (read < 0 || endsWithEmptyLine(answer)) {
                    break;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new DataPlaneException(socket + ": no whole answer within " + ANSWER_MILLIS + " ms");
                }
                if (read == 0) {
                    selector.select(left);
                    selector.selectedKeys().clear();
                }
            }
            return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new DataPlaneException(socket + ": " + e.getMessage(), e);
        }
    }

    private static boolean endsWithEmptyLine(ByteBuffer answer) {
        int end = answer.position();
        return end >= 2 && answer.get(end - 1) == '\n' && answer.get(end - 2) == '\n';
    }

    /** The counters in {@code answer} (a peer's fields in any order). */
    static Map<WireGuardKey, PeerTransfer> parse(Path socket, String answer) throws DataPlaneException {
        Map<WireGuardKey, PeerTransfer> counters = new LinkedHashMap<>();
        WireGuardKey peer = null;
        String errno = null;
        try {
            for (String line : answer.split("\n")) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String value = line.substring(eq + 1);
                switch (line.substring(0, eq)) {
                    case "public_key" -> {
                        peer = WireGuardKey.of(HexFormat.of().parseHex(value));
                        counters.put(peer, new PeerTransfer(0, 0));
                    }
                    case "rx_bytes" -> counters.computeIfPresent(requirePeer(peer, line),
                            (k, t) -> new PeerTransfer(Long.parseLong(value), t.txBytes()));
                    case "tx_bytes" -> counters.computeIfPresent(requirePeer(peer, line),
                            (k, t) -> new PeerTransfer(t.rxBytes(), Long.parseLong(value)));
                    case "errno" -> errno = value;
                    default -> { }
                }
            }
        } catch (IllegalArgumentException e) {
            throw new DataPlaneException(socket + ": unexpected answer: " + e.getMessage(), e);
        }
        if (!"0".equals(errno)) {
            throw new DataPlaneException(socket + ": answered errno=" + errno);
        }
        return counters;
    }

    private static WireGuardKey requirePeer(WireGuardKey peer, String line) {
        if (peer == null) {
            throw new IllegalArgumentException("'" + line + "' before any public_key");
        }
        return peer;
    }
}
