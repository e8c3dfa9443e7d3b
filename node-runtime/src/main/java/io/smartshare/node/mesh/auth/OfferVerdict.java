package io.smartshare.node.mesh.auth;

/** What a received key offer did. */
public enum OfferVerdict {
    /** A newer session of the neighbour: its keys now authenticate its frames. */
    INSTALLED,
    /** The session already installed (a retransmission or an answer to an ask): its beacon counter may have moved forward. */
    CURRENT,
    /** An older session than the one installed: a replay, ignored. */
    STALE,
    /** Did not decrypt under the link key (not from the neighbour, or damaged), or the neighbour's key is unusable. */
    FORGED,
    /** No signed hello from the sender at that address yet: it has no tunnel key to check the offer with. */
    UNKNOWN
}
