package io.smartshare.node.mesh.routing;

/** Rank constants (RFC 6550 and RFC 6719 with ETX as the metric). */
public final class Rank {
    /** Least rank step between a node and its parent. */
    public static final int MIN_HOP_RANK_INCREASE = 128;
    /** Rank of a gateway (DODAG root). */
    public static final int ROOT = MIN_HOP_RANK_INCREASE;
    /** A node without a route advertises this rank (route poisoning). */
    public static final int INFINITE = 0xFFFF;
    /** Links worse than ETX 4 are not used (RFC 6719 MAX_LINK_METRIC). */
    public static final int MAX_LINK_METRIC = 512;
    /** Paths costlier than this are treated as no path (RFC 6719 MAX_PATH_COST). */
    public static final int MAX_PATH_COST = 32768;
    /** Keep the current parent unless another is cheaper by more than this (RFC 6719 PARENT_SWITCH_THRESHOLD). */
    public static final int PARENT_SWITCH_THRESHOLD = 192;
    /** A rank change at least this big is advertised at once (Trickle reset). */
    public static final int SIGNIFICANT_CHANGE = MIN_HOP_RANK_INCREASE;

    private Rank() {
    }
}
