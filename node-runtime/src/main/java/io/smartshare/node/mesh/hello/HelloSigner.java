package io.smartshare.node.mesh.hello;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Hello;

/**
 * Builds this node's signed hellos with a strictly increasing sequence. Not thread-safe.
 */
public final class HelloSigner {
    private final NodeIdentity identity;
    private final byte[] tunnelKey;
    private long nextSequence;

    /**
     * @param tunnelKey the node's X25519 public key, which every hello binds to its id
     * @param firstSequence the sequence of the first hello; must exceed any sequence this
     *     identity used before (the daemon derives it from the boot time, see the spec)
     */
    public HelloSigner(NodeIdentity identity, byte[] tunnelKey, long firstSequence) {
        this.identity = identity;
        this.tunnelKey = tunnelKey.clone();
        this.nextSequence = firstSequence;
    }

    /** The key hellos are signed with. */
    public Ed25519PublicKey publicKey() {
        return identity.publicKey();
    }

    /** A new hello carrying the given routing state, signed, with the next sequence. */
    public Hello sign(boolean gateway, int rank, long epoch, long uplinkKbps, long relayPrice) {
        long sequence = nextSequence++;
        byte[] input = FrameCodec.helloSigningInput(gateway, rank, epoch, uplinkKbps, relayPrice, sequence,
                identity.publicKey(), tunnelKey);
        return new Hello(gateway, rank, epoch, uplinkKbps, relayPrice, sequence, identity.publicKey(), tunnelKey,
                identity.sign(input));
    }
}
