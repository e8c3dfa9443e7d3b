package io.smartshare.node.bench;

import io.smartshare.node.testing.Datagrams;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/**
 * A minimal CoAP client for measurements: confirmable GETs built by hand (RFC 7252 §3), so
 * timing is not shaped by a client library's retransmission timers.
 */
final class CoapProbe implements AutoCloseable {
    private static final int CODE_CONTENT = 0x45;

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private int messageId;

    CoapProbe(InetSocketAddress server, int timeoutMillis) throws IOException {
        this.socket = new DatagramSocket();
        this.socket.setSoTimeout(timeoutMillis);
        this.server = server;
    }

    /** Sends one GET of {@code path} (one segment) and waits for its 2.05 answer; false on timeout. */
    boolean get(String path) throws IOException {
        int id = ++messageId & 0xffff;
        byte[] request = Datagrams.encode(0x40, 0x01, id, path, new byte[0], new byte[0]); // CON GET, no token
        socket.send(new DatagramPacket(request, request.length, server));
        byte[] buffer = new byte[2048];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        try {
            while (true) {
                socket.receive(answer);
                int answerId = ((buffer[2] & 0xff) << 8) | (buffer[3] & 0xff);
                if (answer.getLength() >= 4 && answerId == id) {
                    return (buffer[1] & 0xff) == CODE_CONTENT;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
