package io.smartshare.node.mesh.hello;

import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Hello;

/**
 * Checks a hello's Ed25519 signature. A pure function; the simulator shares one memoising
 * instance between its nodes so a multicast hello is verified once, not once per receiver.
 */
@FunctionalInterface
public interface HelloVerifier {
    /** True if the signature is valid for the hello's contents and key. */
    boolean verify(Hello hello);

    /** Verifies every hello (the daemon's verifier). */
    static HelloVerifier direct() {
        return hello -> hello.publicKey().verify(FrameCodec.helloSigningInput(hello.gateway(), hello.rank(),
                hello.epoch(), hello.uplinkKbps(), hello.relayPrice(), hello.sequence(), hello.publicKey(), hello.tunnelKey()),
                hello.signature());
    }
}
