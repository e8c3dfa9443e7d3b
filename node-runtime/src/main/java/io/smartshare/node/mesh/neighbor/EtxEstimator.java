package io.smartshare.node.mesh.neighbor;

import io.smartshare.node.mesh.Delivery;

/**
 * Expected transmission count of one link, as an exponentially weighted moving average
 * (weight {@link #ALPHA}) of samples from two sources:
 * <ul>
 *   <li>heartbeat loss: every {@link #WINDOW} expected heartbeats give the sample 1/p², p the
 *   fraction received (the reverse direction is assumed to lose as much);</li>
 *   <li>confirmable outcomes: an acknowledgement after n sends gives n, a timeout gives
 *   {@link #MAX_ETX}.</li>
 * </ul>
 * Starts at {@link #INITIAL_ETX}.
 *
 * <p>The {@link #metric()} that ranks are computed from follows the average only when it
 * drifts by at least {@link #METRIC_HYSTERESIS}: sampling noise would otherwise make ranks
 * wobble, and a wobble up after a wobble down can make a parent infeasible (see
 * ParentSelector) and cost a global repair. Not thread-safe.
 */
public final class EtxEstimator {
    /** ETX assumed for a link before any sample. */
    public static final double INITIAL_ETX = 1.5;
    /** Upper bound of any sample. */
    public static final double MAX_ETX = 8.0;
    /** Heartbeats per loss sample. */
    public static final int WINDOW = 8;
    /** Weight of a new sample. */
    public static final double ALPHA = 0.25;
    /** Smallest change of the average that moves the metric. */
    public static final double METRIC_HYSTERESIS = 0.5;

    private double etx = INITIAL_ETX;
    private double used = INITIAL_ETX;
    private int lastSequence = -1;
    private int expected;
    private int received;

    /**
     * Records heartbeat {@code sequence} (mod 256).
     *
     * @return true if this changed the metric
     */
    public boolean heartbeat(int sequence) {
        if (lastSequence < 0) {
            lastSequence = sequence;
            return false;
        }
        int gap = (sequence - lastSequence) & 0xff;
        if (gap == 0) {
            return false;
        }
        lastSequence = sequence;
        if (gap > 64) {
            gap = 1; // the sender restarted its counter; do not count 200 phantom losses
        }
        expected += gap;
        received++;
        if (expected < WINDOW) {
            return false;
        }
        double p = (double) received / expected;
        expected = 0;
        received = 0;
        return sample(1.0 / (p * p));
    }

    /**
     * Records the outcome of one confirmable transmission.
     *
     * @return true if this changed the metric
     */
    public boolean delivery(Delivery outcome) {
        return sample(outcome instanceof Delivery.Acknowledged ? outcome.transmissions() : MAX_ETX);
    }

    /** The current estimate, at least 1. */
    public double etx() {
        return etx;
    }

    /** The link metric (RFC 6719 units: ETX * 128, rounded) of the last significant estimate. */
    public int metric() {
        return (int) Math.round(used * 128);
    }

    private boolean sample(double value) {
        etx += ALPHA * (Math.max(1.0, Math.min(MAX_ETX, value)) - etx);
        if (Math.abs(etx - used) < METRIC_HYSTERESIS) {
            return false;
        }
        used = etx;
        return true;
    }
}
