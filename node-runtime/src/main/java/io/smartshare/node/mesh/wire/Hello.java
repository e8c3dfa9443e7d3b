package io.smartshare.node.mesh.wire;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A signed hello: who the sender is and where it sits in the DODAG.
 *
 * <p>Layout (152 bytes, big-endian): header, flags (bit 0 = gateway with a working uplink),
 * rank u16, epoch u32, uplink kbit/s u32, relay price u32, sequence u64, public key (32),
 * tunnel key (32), Ed25519 signature (64) over {@link #SIGNING_DOMAIN} followed by bytes 0..87. The signature
 * binds the tunnel key (X25519, the node's {@code tunnel.key}) to the node id: neighbours
 * agree link keys with it, and uplink sharing builds WireGuard tunnels to it.
 *
 * @param gateway true if the sender has a working uplink and is a DODAG root
 * @param rank the sender's advertised rank, {@code 0xFFFF} meaning infinite (poisoned)
 * @param epoch the DODAG epoch (version) the rank belongs to, unsigned 32 bits
 * @param uplinkKbps the sender's uplink capacity in kbit/s, 0 when it has none
 * @param relayPrice what the sender asks for relaying, micro-tokens per 1,000,000 bytes (a
 *     priced channel's price it accepts at least); 0 when it asks nothing
 * @param sequence strictly increasing per sender, unsigned 64 bits
 * @param publicKey the sender's Ed25519 key; its {@link NodeId} names the sender
 * @param tunnelKey the sender's X25519 public key (32 bytes, a copy is kept)
 * @param signature the 64-byte signature (a copy is kept)
 */
public record Hello(boolean gateway, int rank, long epoch, long uplinkKbps, long relayPrice, long sequence,
                    Ed25519PublicKey publicKey, byte[] tunnelKey, byte[] signature) implements Frame {
    /** Encoded size in bytes. */
    public static final int SIZE = 152;
    /** Number of leading bytes covered by the signature. */
    public static final int SIGNED_LENGTH = 88;
    /** Bytes of the tunnel key. */
    public static final int TUNNEL_KEY_LENGTH = 32;
    /** The highest relay price a hello carries (unsigned 32 bits). */
    public static final long MAX_RELAY_PRICE = 0xFFFF_FFFFL;
    /** Prefix mixed into every hello signature so it cannot be replayed as another message. */
    public static final String SIGNING_DOMAIN = "smartshare/mesh-hello/v3";

    public Hello {
        if (rank < 0 || rank > 0xFFFF) {
            throw new IllegalArgumentException("hello rank: expected 0..65535, found " + rank);
        }
        if (epoch < 0 || epoch > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("hello epoch: expected unsigned 32-bit, found " + epoch);
        }
        if (uplinkKbps < 0 || uplinkKbps > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("hello uplink: expected unsigned 32-bit, found " + uplinkKbps);
        }
        if (relayPrice < 0 || relayPrice > MAX_RELAY_PRICE) {
            throw new IllegalArgumentException("hello relay price: expected unsigned 32-bit, found " + relayPrice);
        }
        if (signature.length != Ed25519PublicKey.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("hello signature: expected 64 bytes, found " + signature.length);
        }
        if (tunnelKey.length != TUNNEL_KEY_LENGTH) {
            throw new IllegalArgumentException("hello tunnel key: expected 32 bytes, found " + tunnelKey.length);
        }
        tunnelKey = tunnelKey.clone();
        signature = signature.clone();
    }

    /** The sender's node id, derived from its key. */
    public NodeId sender() {
        return NodeId.of(publicKey);
    }

    @Override
    public byte[] tunnelKey() {
        return tunnelKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        FrameCodec.putHelloBody(out, gateway, rank, epoch, uplinkKbps, relayPrice, sequence, publicKey, tunnelKey);
        out.put(signature);
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hello h && gateway == h.gateway && rank == h.rank && epoch == h.epoch
                && uplinkKbps == h.uplinkKbps && relayPrice == h.relayPrice && sequence == h.sequence && publicKey.equals(h.publicKey)
                && Arrays.equals(tunnelKey, h.tunnelKey) && Arrays.equals(signature, h.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(sequence) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "Hello[sender=" + sender() + ", gateway=" + gateway + ", rank=" + rank + ", epoch=" + epoch
                + ", uplinkKbps=" + uplinkKbps + ", relayPrice=" + relayPrice + ", sequence=" + Long.toUnsignedString(sequence) + "]";
    }
}
