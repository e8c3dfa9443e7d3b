package io.smartshare.node.mesh.hello;

/** What {@link HelloGate} decided about one received hello. */
public enum HelloVerdict {
    /** Signed by its key, newer than anything seen from that key: may change routes. */
    ACCEPTED,
    /** The signature does not match the contents and key: forged or corrupted. */
    BAD_SIGNATURE,
    /** The sequence is not above the last one accepted from that key: old or replayed. */
    REPLAYED,
    /** The sending address exceeded its hello rate: flooding. */
    RATE_LIMITED
}
