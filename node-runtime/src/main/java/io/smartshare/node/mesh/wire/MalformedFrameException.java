package io.smartshare.node.mesh.wire;

/** A datagram that is not a valid version-1 mesh frame; the message names what is wrong. */
public final class MalformedFrameException extends Exception {
    MalformedFrameException(String message) {
        super(message);
    }
}
