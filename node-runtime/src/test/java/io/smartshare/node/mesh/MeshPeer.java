package io.smartshare.node.mesh;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.auth.LinkAuth;
import io.smartshare.node.mesh.auth.OfferVerdict;
import io.smartshare.node.mesh.hello.HelloSigner;
import io.smartshare.node.mesh.wire.Frame;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Hello;
import io.smartshare.node.mesh.wire.KeyCache;
import io.smartshare.node.mesh.wire.KeyOffer;
import io.smartshare.node.mesh.wire.MalformedFrameException;
import io.smartshare.node.mesh.wire.Sealed;
import io.smartshare.node.testing.SeededIdentities;
import java.util.Optional;
import java.util.Random;

/**
 * A neighbour played by a test: it signs hellos, hands out its keys and tags and seals its
 * frames as a {@link MeshNode} does, with the tunnel key {@link SeededIdentities} gives it.
 */
final class MeshPeer {
    private final NodeIdentity identity;
    private final HelloSigner signer;
    private final LinkAuth auth;

    MeshPeer(NodeIdentity identity) {
        this(identity, 1);
    }

    private MeshPeer(NodeIdentity identity, long session) {
        this.identity = identity;
        this.signer = SeededIdentities.signer(identity, session * 1_000_000);
        this.auth = new LinkAuth(SeededIdentities.tunnelPrivate(identity), session, new Random(7 + session));
    }

    /** The same neighbour after a restart: a new session, later hello sequences, nothing known. */
    MeshPeer restarted() {
        return new MeshPeer(identity, auth.session() + 1);
    }

    NodeId id() {
        return identity.nodeId();
    }

    byte[] hello(boolean gateway, int rank, long epoch, long uplinkKbps) {
        return hello(gateway, rank, epoch, uplinkKbps, 0);
    }

    byte[] hello(boolean gateway, int rank, long epoch, long uplinkKbps, long relayPrice) {
        return FrameCodec.encode(signer.sign(gateway, rank, epoch, uplinkKbps, relayPrice));
    }

    /** Learns the tunnel key of a node built with {@link SeededIdentities#tunnelPrivate}. */
    MeshPeer knows(NodeIdentity node) {
        auth.know(node.nodeId(), SeededIdentities.tunnelPublic(node));
        return this;
    }

    /** Learns the tunnel key from a node's hello. */
    MeshPeer heard(byte[] helloFrame) {
        Hello hello = (Hello) decode(helloFrame);
        auth.know(hello.sender(), hello.tunnelKey());
        return this;
    }

    byte[] offerTo(NodeId node) {
        return FrameCodec.encode(auth.offer(node, false).orElseThrow());
    }

    /** An offer that asks {@code node} for its keys, as one from a peer that does not have them. */
    byte[] offerAskingTo(NodeId node) {
        return FrameCodec.encode(auth.offer(node, true).orElseThrow());
    }

    /** Takes a key offer {@code node} sent. */
    OfferVerdict accept(NodeId node, byte[] offerFrame) {
        return auth.accept(node, (KeyOffer) decode(offerFrame));
    }

    byte[] heartbeat() {
        return FrameCodec.encode(auth.heartbeat());
    }

    byte[] sealed(NodeId to, Frame inner) {
        return FrameCodec.encode(auth.seal(to, FrameCodec.encode(inner)).orElseThrow());
    }

    /** The inner frame of a sealed frame {@code node} sent, if it verifies. */
    Optional<Frame> open(NodeId node, byte[] frame) {
        if (!(decode(frame) instanceof Sealed sealed)) {
            return Optional.empty();
        }
        return auth.open(node, sealed).inner().map(MeshPeer::decode);
    }

    static Frame decode(byte[] frame) {
        try {
            return FrameCodec.decode(frame, new KeyCache(4));
        } catch (MalformedFrameException e) {
            throw new AssertionError(e);
        }
    }
}
