package io.smartshare.node.mesh.hello;

/** What {@link HelloGate} decided about one received hello. */
public enum HelloVerdict {
    /** Signed by its key, newer than anything seen from that key: may change routes. */
    ACCEPTED,
    /**
     * The hello last accepted from that key, byte for byte, heard over a medium it had not
     * been heard over yet: the same broadcast over a node's second transport. Not a replay; it
     * only shows the sender is reachable at this link address too.
     */
    SIGHTED,
    /** The signature does not match the contents and key: forged or corrupted. */
    BAD_SIGNATURE,
    /** The sequence is not above the last one accepted from that key, and the hello no sighting: old or replayed. */
    REPLAYED,
    /**
     * The sending address exceeded its hello rate, or the node's budget of signature checks
     * (for keys accepted before, or for new keys) is spent: flooding.
     */
    RATE_LIMITED
}
