package io.smartshare.node.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Raw UDP as an attacker sends it: hand-made CoAP datagrams, each batch from a fresh source
 * port, to a node on loopback. Bounded by count; never waits for an answer.
 */
public final class Datagrams {
    private final InetSocketAddress target;
    private int messageId;

    public Datagrams(int port) {
        this.target = new InetSocketAddress("127.0.0.1", port);
    }

    /** A NON request with no token for {@code path} (one segment), {@code code} 1 = GET, 2 = POST. */
    public byte[] non(int code, String path, byte[] payload) {
        return message(0x50, code, path, new byte[0], payload);
    }

    /** A CON GET of {@code path} (one segment) with Observe = 0 (register) and the one-byte {@code token}. */
    public byte[] observe(String path, int token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        messageId = (messageId + 1) & 0xffff;
        out.write(0x41); // CON, token length 1
        out.write(1);
        out.write(messageId >> 8);
        out.write(messageId);
        out.write(token);
        out.write(0x60); // Observe (option 6), empty = 0
        byte[] segment = path.getBytes(StandardCharsets.US_ASCII);
        out.write(0x50 | segment.length); // Uri-Path, option 11 = 6 + 5
        out.writeBytes(segment);
        return out.toByteArray();
    }

    /** A CON POST to {@code /receipts} with Block1 (NUM 0, more, 1024 bytes) and Size1 = 0xffffffff. */
    public byte[] hugeSize1() {
        byte[] options = {(byte) 0xd1, 27 - 11 - 13, 0x0e, (byte) 0xd4, 60 - 27 - 13, -1, -1, -1, -1};
        return message(0x40, 2, "receipts", options, new byte[64]);
    }

    /** A CON PUT to {@code /path} with the first block of an upload: Block1 NUM 0, more to come, 64 bytes. */
    public byte[] uploadStart(String path) {
        byte[] options = {(byte) 0xd1, 27 - 11 - 13, 0x0a};
        return message(0x40, 3, path, options, new byte[64]);
    }

    private byte[] message(int typeAndTokenLength, int code, String path, byte[] moreOptions, byte[] payload) {
        messageId = (messageId + 1) & 0xffff;
        return encode(typeAndTokenLength, code, messageId, path, moreOptions, payload);
    }

    /**
     * A CoAP message with no token: first byte {@code typeAndTokenLength} (0x40 CON, 0x50
     * NON), {@code code}, {@code messageId}, Uri-Path {@code path} (one segment, at most 12
     * bytes), then {@code moreOptions} (encoded, numbers above 11) and {@code payload}.
     */
    public static byte[] encode(int typeAndTokenLength, int code, int messageId, String path, byte[] moreOptions,
            byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(typeAndTokenLength);
        out.write(code);
        out.write(messageId >> 8);
        out.write(messageId);
        byte[] segment = path.getBytes(StandardCharsets.US_ASCII);
        if (segment.length > 12) {
            throw new IllegalArgumentException("path segment too long for this encoder: " + path);
        }
        out.write(0xb0 | segment.length); // Uri-Path, option 11
        out.writeBytes(segment);
        out.writeBytes(moreOptions);
        if (payload.length > 0) {
            out.write(0xff);
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    /**
     * Sends {@code perPort} of {@code kinds} (cycled) from each of {@code ports} fresh source ports.
     *
     * @return datagrams sent
     */
    public long fromFreshPorts(int ports, int perPort, List<byte[]> kinds) throws IOException {
        long sent = 0;
        for (int p = 0; p < ports; p++) {
            try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
                channel.bind(new InetSocketAddress("127.0.0.1", 0));
                for (int i = 0; i < perPort; i++) {
                    channel.send(ByteBuffer.wrap(kinds.get((int) (sent % kinds.size()))), target);
                    sent++;
                }
            }
        }
        return sent;
    }

    /** Sends {@code datagram} once from one socket and returns the first answer, or an empty array after 2 s. */
    public byte[] exchange(byte[] datagram) throws IOException {
        return exchange(datagram, java.net.InetAddress.getLoopbackAddress());
    }

    /** As {@link #exchange(byte[])}, from a fresh port of {@code from} (127.0.0.2 is another loopback client). */
    public byte[] exchange(byte[] datagram, java.net.InetAddress from) throws IOException {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, from)) {
            socket.setSoTimeout(2_000);
            socket.send(new java.net.DatagramPacket(datagram, datagram.length, target));
            java.net.DatagramPacket answer = new java.net.DatagramPacket(new byte[2048], 2048);
            try {
                socket.receive(answer);
            } catch (java.net.SocketTimeoutException e) {
                return new byte[0];
            }
            return java.util.Arrays.copyOf(answer.getData(), answer.getLength());
        }
    }
}
