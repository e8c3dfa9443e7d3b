package io.smartshare.node.mesh.auth;

/**
 * Link authentication counters, for {@code /mesh/neighbors}.
 *
 * @param offersSent key offers sent
 * @param offersInstalled offers that installed a neighbour's new session
 * @param offersRefused offers that were stale, forged or from an unknown sender
 * @param beatsRefused heartbeats that matched no expected counter (spoofed, or the sender's keys not yet known)
 * @param sealedRefused sealed frames refused: bad tag, replayed, or the sender's keys not yet known
 * @param unsealedRefused frames that must travel sealed and came bare
 * @param sessions sessions this node has started (one per start, one more per 2^32-1 sealed frames)
 */
public record LinkAuthCounters(long offersSent, long offersInstalled, long offersRefused, long beatsRefused,
                               long sealedRefused, long unsealedRefused, long sessions) {
}
