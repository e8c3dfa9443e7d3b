package io.smartshare.node.mesh.wire;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.ledger.identity.NodeId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes version-1 mesh frames (docs/mesh-protocol.md). Stateless. */
public final class FrameCodec {
    private FrameCodec() {
    }

    /** The bytes of {@code frame}. */
    public static byte[] encode(Frame frame) {
        ByteBuffer out = ByteBuffer.allocate(frame.size());
        frame.writeTo(out);
        return out.array();
    }

    /**
     * The bytes a hello signature covers: {@link Hello#SIGNING_DOMAIN} in ASCII followed by
     * the first {@link Hello#SIGNED_LENGTH} bytes of the encoded hello.
     */
    public static byte[] helloSigningInput(boolean gateway, int rank, long epoch, long uplinkKbps, long relayPrice,
                                           long sequence, Ed25519PublicKey key, byte[] tunnelKey) {
        byte[] domain = Hello.SIGNING_DOMAIN.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(domain.length + Hello.SIGNED_LENGTH);
        out.put(domain);
        putHelloBody(out, gateway, rank, epoch, uplinkKbps, relayPrice, sequence, key, tunnelKey);
        return out.array();
    }

    static void putHelloBody(ByteBuffer out, boolean gateway, int rank, long epoch, long uplinkKbps, long relayPrice,
                             long sequence, Ed25519PublicKey key, byte[] tunnelKey) {
        out.put(FrameType.HELLO.header()).put((byte) (gateway ? 1 : 0)).putShort((short) rank).putInt((int) epoch)
                .putInt((int) uplinkKbps).putInt((int) relayPrice).putLong(sequence).put(key.encoded()).put(tunnelKey);
    }

    /**
     * Decodes one datagram.
     *
     * @param keys where hello keys are decoded (and remembered)
     * @throws MalformedFrameException naming the field that is wrong, if the bytes are not a
     *     well-formed frame (a hello's signature is not checked here)
     */
    public static Frame decode(byte[] bytes, KeyCache keys) throws MalformedFrameException {
        if (bytes.length == 0) {
            throw new MalformedFrameException("empty datagram");
        }
        FrameType type = FrameType.ofHeader(bytes[0]).orElseThrow(() -> new MalformedFrameException(
                String.format("header: expected version " + Frame.VERSION + " and a known type, found 0x%02x", bytes[0] & 0xff)));
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        try {
            Frame frame = switch (type) {
                case HELLO -> decodeHello(in, bytes.length, keys);
                case HEARTBEAT -> {
                    expectLength(type, bytes.length, Heartbeat.SIZE);
                    yield new Heartbeat(in.getShort() & 0xffff);
                }
                case REGISTRATION -> decodeRegistration(in, bytes.length);
                case REPAIR_REQUEST -> {
                    expectLength(type, bytes.length, RepairRequest.SIZE);
                    yield new RepairRequest(in.getInt() & 0xFFFF_FFFFL, in.getShort() & 0xffff);
                }
                case DATA -> decodeData(in, bytes.length);
                case REFRESH_REQUEST -> {
                    expectLength(type, bytes.length, RefreshRequest.SIZE);
                    yield new RefreshRequest();
                }
                case PROBE -> {
                    expectLength(type, bytes.length, Probe.SIZE);
                    int flags = in.get() & 0xff;
                    if ((flags & ~Probe.ANSWER_REQUESTED) != 0) {
                        throw new MalformedFrameException(String.format("PROBE: unknown flag bits 0x%02x", flags));
                    }
                    yield new Probe(flags == Probe.ANSWER_REQUESTED);
                }
                case KEY_OFFER -> decodeKeyOffer(in, bytes.length);
                case SEALED -> decodeSealed(in, bytes.length);
            };
            if (in.hasRemaining()) {
                throw new MalformedFrameException(type + ": " + in.remaining() + " trailing bytes");
            }
            return frame;
        } catch (BufferUnderflowException e) {
            throw new MalformedFrameException(type + ": truncated at " + bytes.length + " bytes");
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException(type + ": " + e.getMessage());
        }
    }

    /** Whether {@code frame} is a data packet, bare or sealed (application traffic, not control traffic). */
    public static boolean carriesData(byte[] frame) {
        byte data = FrameType.DATA.header();
        return frame.length > 0 && (frame[0] == data
                || frame[0] == FrameType.SEALED.header() && frame.length > Sealed.OVERHEAD && frame[5] == data);
    }

    /**
     * Decodes the inner frame of a {@link Sealed} frame: a registration, repair or refresh
     * request, probe or data packet.
     *
     * @throws MalformedFrameException if the bytes are not one, or are a frame that never travels sealed
     */
    public static Frame decodeSealedInner(byte[] bytes, KeyCache keys) throws MalformedFrameException {
        Frame inner = decode(bytes, keys);
        if (inner instanceof Hello || inner instanceof Heartbeat || inner instanceof KeyOffer || inner instanceof Sealed) {
            throw new MalformedFrameException("SEALED: a " + FrameType.ofHeader(bytes[0]).orElseThrow() + " inside");
        }
        return inner;
    }

    private static Hello decodeHello(ByteBuffer in, int length, KeyCache keys) throws MalformedFrameException {
        expectLength(FrameType.HELLO, length, Hello.SIZE);
        int flags = in.get() & 0xff;
        if ((flags & ~1) != 0) {
            throw new MalformedFrameException(String.format("HELLO flags: expected 0x00 or 0x01, found 0x%02x", flags));
        }
        int rank = in.getShort() & 0xffff;
        long epoch = in.getInt() & 0xFFFF_FFFFL;
        long uplink = in.getInt() & 0xFFFF_FFFFL;
        long relayPrice = in.getInt() & 0xFFFF_FFFFL;
        long sequence = in.getLong();
        byte[] key = new byte[Ed25519PublicKey.LENGTH];
        in.get(key);
        byte[] tunnelKey = new byte[Hello.TUNNEL_KEY_LENGTH];
        in.get(tunnelKey);
        byte[] signature = new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
        in.get(signature);
        Ed25519PublicKey publicKey;
        try {
            publicKey = keys.decode(key);
        } catch (IdentityException e) {
            throw new MalformedFrameException("HELLO public key: " + e.getMessage());
        }
        return new Hello(flags == 1, rank, epoch, uplink, relayPrice, sequence, publicKey, tunnelKey, signature);
    }

    private static KeyOffer decodeKeyOffer(ByteBuffer in, int length) throws MalformedFrameException {
        expectLength(FrameType.KEY_OFFER, length, KeyOffer.SIZE);
        int flags = in.get() & 0xff;
        if ((flags & ~KeyOffer.REPLY_REQUESTED) != 0) {
            throw new MalformedFrameException(String.format("KEY_OFFER: unknown flag bits 0x%02x", flags));
        }
        long session = in.getLong();
        byte[] nonce = new byte[KeyOffer.NONCE_LENGTH];
        in.get(nonce);
        byte[] sealed = new byte[KeyOffer.SEALED_LENGTH];
        in.get(sealed);
        return new KeyOffer(flags != 0, session, nonce, sealed);
    }

    private static Sealed decodeSealed(ByteBuffer in, int length) throws MalformedFrameException {
        if (length <= Sealed.OVERHEAD) {
            throw new MalformedFrameException("SEALED: expected more than " + Sealed.OVERHEAD + " bytes, found " + length);
        }
        long counter = in.getInt() & 0xFFFF_FFFFL;
        byte[] inner = new byte[length - Sealed.OVERHEAD];
        in.get(inner);
        return new Sealed(counter, inner, in.getInt() & 0xFFFF_FFFFL);
    }

    private static Registration decodeRegistration(ByteBuffer in, int length) throws MalformedFrameException {
        if (length > Registration.MAX_SIZE) {
            throw new MalformedFrameException("REGISTRATION: expected at most " + Registration.MAX_SIZE + " bytes, found "
                    + length);
        }
        int count = in.get() & 0xff;
        List<Registration.Target> targets = new ArrayList<>(Math.min(count, Registration.MAX_TARGETS));
        for (int i = 0; i < count; i++) {
            NodeId node = NodeIds.get(in, "REGISTRATION target " + i);
            long pathSequence = in.getInt() & 0xFFFF_FFFFL;
            int lifetime = in.getShort() & 0xffff;
            int prefixCount = in.get() & 0xff;
            if (prefixCount > Registration.Target.MAX_PREFIXES) {
                throw new MalformedFrameException("REGISTRATION target " + i + ": expected at most "
                        + Registration.Target.MAX_PREFIXES + " prefixes, found " + prefixCount);
            }
            List<IpPrefix> prefixes = new ArrayList<>(prefixCount);
            for (int j = 0; j < prefixCount; j++) {
                prefixes.add(decodePrefix(in, "REGISTRATION target " + i + " prefix " + j));
            }
            targets.add(new Registration.Target(node, pathSequence, lifetime, prefixes));
        }
        return new Registration(targets);
    }

    private static IpPrefix decodePrefix(ByteBuffer in, String field) throws MalformedFrameException {
        int family = in.get() & 0xff;
        if (family != 4 && family != 6) {
            throw new MalformedFrameException(field + ": family expected 4 or 6, found " + family);
        }
        int prefixLength = in.get() & 0xff;
        byte[] address = new byte[family == 4 ? 4 : 16];
        in.get(address);
        try {
            return new IpPrefix(InetAddress.getByAddress(address), prefixLength);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 and 16 bytes are always an address", e);
        }
    }

    private static DataPacket decodeData(ByteBuffer in, int length) throws MalformedFrameException {
        int hopLimit = in.get() & 0xff;
        var source = NodeIds.get(in, "DATA source");
        var destination = NodeIds.get(in, "DATA destination");
        byte[] payload = new byte[length - DataPacket.HEADER_SIZE];
        in.get(payload);
        return new DataPacket(hopLimit, source, destination, payload);
    }

    private static void expectLength(FrameType type, int found, int expected) throws MalformedFrameException {
        if (found != expected) {
            throw new MalformedFrameException(type + ": expected " + expected + " bytes, found " + found);
        }
    }
}
