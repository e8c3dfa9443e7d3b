package io.smartshare.node.mesh.neighbor;

/** What hearing a frame from an address meant for the neighbour table. */
public enum Heard {
    /** Not from a known neighbour: nothing changed. */
    UNKNOWN,
    /** A live neighbour was heard; nothing else changed. */
    ALIVE,
    /** A live neighbour's link estimate changed. */
    ESTIMATE_CHANGED,
    /** A neighbour declared dead was heard again; it needs a fresh hello before it can be a parent. */
    REVIVED
}
