package io.smartshare.node.mesh;

/**
 * Timers and limits of one mesh node. {@link #defaults()} gives the values specified in
 * docs/mesh-protocol.md, each with its reason there.
 *
 * @param heartbeatIntervalMillis mean gap between heartbeats (jittered by ±10 %); 600 ms
 * @param missedHeartbeatsForDeath a neighbour unheard for longer than this many intervals
 *     (plus half an interval of slack) is declared dead; 4 (2.7 s: only 4 heartbeats lost in
 *     a row make a false alarm, see "Failure detection" in docs/mesh-protocol.md)
 * @param timeoutsForDeath consecutive CON timeouts that declare a neighbour dead; 2
 * @param trickleIminMillis Trickle Imin; 100 ms
 * @param trickleDoublings Trickle Imax = Imin * 2^doublings; 9 (51.2 s)
 * @param trickleRedundancy Trickle k; 3
 * @param registrationRefreshMillis how often a node re-registers itself with its parent; 300 s
 * @param registrationLifetimeSeconds how long a registered downward route lives; 900 s
 * @param hopLimit the RFC 8768 Hop-Limit a node puts on packets it originates; 64
 * @param maxNeighbors neighbour table size; hellos from further nodes are ignored; 64
 * @param helloBurst per-sender token bucket size for hellos; 8
 * @param hellosPerSecond per-sender token refill rate; 2
 * @param neighborPurgeMillis how long a dead neighbour is remembered; 120 s
 * @param repairMinIntervalMillis least time between two repair requests sent, or two
 *     epoch increments made, by one node; 1 s
 * @param unicastProbes also send every hello by unicast to each known neighbour (for links
 *     that filter multicast); false
 */
public record MeshConfig(long heartbeatIntervalMillis, int missedHeartbeatsForDeath, int timeoutsForDeath,
                         long trickleIminMillis, int trickleDoublings, int trickleRedundancy,
                         long registrationRefreshMillis, int registrationLifetimeSeconds, int hopLimit,
                         int maxNeighbors, int helloBurst, double hellosPerSecond, long neighborPurgeMillis,
                         long repairMinIntervalMillis, boolean unicastProbes) {
    public MeshConfig {
        positive("heartbeatIntervalMillis", heartbeatIntervalMillis);
        if (missedHeartbeatsForDeath < 3) {
            throw new IllegalArgumentException("missedHeartbeatsForDeath: expected at least 3 (2 make a neighbour a suspect), found "
                    + missedHeartbeatsForDeath);
        }
        positive("timeoutsForDeath", timeoutsForDeath);
        positive("trickleIminMillis", trickleIminMillis);
        if (trickleDoublings < 0 || trickleDoublings > 20) {
            throw new IllegalArgumentException("trickleDoublings: expected 0..20, found " + trickleDoublings);
        }
        positive("trickleRedundancy", trickleRedundancy);
        positive("registrationRefreshMillis", registrationRefreshMillis);
        if (registrationLifetimeSeconds < 1 || registrationLifetimeSeconds > 0xFFFF
                || registrationLifetimeSeconds * 1000L <= registrationRefreshMillis) {
            throw new IllegalArgumentException("registrationLifetimeSeconds: expected 1..65535 and longer than the refresh, found "
                    + registrationLifetimeSeconds);
        }
        if (hopLimit < 1 || hopLimit > 255) {
            throw new IllegalArgumentException("hopLimit: expected 1..255, found " + hopLimit);
        }
        positive("maxNeighbors", maxNeighbors);
        positive("helloBurst", helloBurst);
        if (!(hellosPerSecond > 0)) {
            throw new IllegalArgumentException("hellosPerSecond: expected > 0, found " + hellosPerSecond);
        }
        positive("neighborPurgeMillis", neighborPurgeMillis);
        positive("repairMinIntervalMillis", repairMinIntervalMillis);
    }

    /** The specified defaults. */
    public static MeshConfig defaults() {
        return new MeshConfig(600, 4, 2, 100, 9, 3, 300_000, 900, 64, 64, 8, 2.0, 120_000, 1_000, false);
    }

    /**
     * A neighbour silent for longer than this (two heartbeats lost, whatever the jitter) is
     * probed by unicast until it is heard or declared dead.
     */
    public long suspectAfterMillis() {
        return 2 * heartbeatIntervalMillis + heartbeatIntervalMillis / 5;
    }

    /** The least time between two probes of one suspect: half a heartbeat interval. */
    public long probeIntervalMillis() {
        return heartbeatIntervalMillis / 2;
    }

    /** A neighbour silent for longer than this is declared dead. */
    public long deadAfterMillis() {
        return missedHeartbeatsForDeath * heartbeatIntervalMillis + heartbeatIntervalMillis / 2;
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": expected > 0, found " + value);
        }
    }
}
