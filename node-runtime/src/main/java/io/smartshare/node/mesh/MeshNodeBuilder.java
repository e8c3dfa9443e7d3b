package io.smartshare.node.mesh;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.identity.TunnelKeyFile;
import io.smartshare.node.mesh.clock.MeshScheduler;
import io.smartshare.node.mesh.hello.HelloVerifier;
import io.smartshare.node.mesh.wire.DataPacket;
import java.security.SecureRandom;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Assembles a {@link MeshNode}. Required: identity, transport, scheduler. Defaults: {@link
 * MeshConfig#defaults()}, a {@link SecureRandom} for jitter, a fresh tunnel key, direct signature checks, the
 * wall clock in microseconds as the first hello sequence (it must exceed any sequence this
 * key used before a restart; see the spec for devices without a real-time clock), and an
 * inbox that drops packets addressed to this node.
 */
public final class MeshNodeBuilder {
    final NodeIdentity identity;
    final MeshTransport transport;
    final MeshScheduler scheduler;
    MeshConfig config = MeshConfig.defaults();
    Random random = new SecureRandom();
    HelloVerifier verifier = HelloVerifier.direct();
    long firstHelloSequence;
    byte[] tunnelKey;
    Consumer<DataPacket> inbox = p -> { };

    MeshNodeBuilder(NodeIdentity identity, MeshTransport transport, MeshScheduler scheduler) {
        this.identity = identity;
        this.transport = transport;
        this.scheduler = scheduler;
        this.firstHelloSequence = System.currentTimeMillis() * 1000;
        this.tunnelKey = TunnelKeyFile.generate(new SecureRandom());
    }

    /** The node's X25519 private key ({@code tunnel.key}); a fresh one if not set. */
    public MeshNodeBuilder tunnelKey(byte[] privateKey) {
        this.tunnelKey = privateKey.clone();
        return this;
    }

    public MeshNodeBuilder config(MeshConfig value) {
        this.config = value;
        return this;
    }

    /** The source of timer jitter; pass a seeded one for reproducible runs. */
    public MeshNodeBuilder random(Random value) {
        this.random = value;
        return this;
    }

    public MeshNodeBuilder verifier(HelloVerifier value) {
        this.verifier = value;
        return this;
    }

    public MeshNodeBuilder firstHelloSequence(long value) {
        this.firstHelloSequence = value;
        return this;
    }

    /** Receives every data packet addressed to this node (called on the mesh's thread). */
    public MeshNodeBuilder inbox(Consumer<DataPacket> value) {
        this.inbox = value;
        return this;
    }

    public MeshNode build() {
        return new MeshNode(this);
    }
}
