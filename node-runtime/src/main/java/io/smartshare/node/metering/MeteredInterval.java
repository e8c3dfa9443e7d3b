package io.smartshare.node.metering;

/**
 * What the metering service publishes on the event bus after each metering interval whose
 * samples went to the ledger.
 *
 * @param samples how many samples were appended
 * @param periodMillis how long the interval was (longer than the setting after a gap)
 */
public record MeteredInterval(int samples, long periodMillis) {
}
