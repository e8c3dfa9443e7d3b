package io.smartshare.node.mesh.neighbor;

import io.smartshare.node.mesh.link.Delivery;

/**
 * Expected transmission count of one link, as an exponentially weighted moving average
 * (weight {@link #ALPHA}) of samples from two sources:
 * <ul>
 *   <li>heartbeat loss: every {@link #WINDOW} expected heartbeats give the sample 1/p², p the
 *   fraction received (the reverse direction is assumed to lose as much);</li>
 *   <li>confirmable outcomes: every {@link #CON_WINDOW} outcomes give the mean of their
 *   costs, an acknowledgement after n sends costing n, a timeout {@link #MAX_ETX}.</li>
 * </ul>
 * Starts at {@link #INITIAL_ETX}.
 *
 * <p>The {@link #metric()} that ranks are computed from is the average rounded to a multiple
 * of {@link #METRIC_STEP}, and it moves only when the average drifts more than {@link
 * #METRIC_HYSTERESIS} from it: sampling noise would otherwise make ranks
 * wobble, and a wobble up after a wobble down can make a parent infeasible (see
 * ParentSelector) and cost a global repair. Not thread-safe.
 */
public final class EtxEstimator {
    /** ETX assumed for a link before any sample. */
    public static final double INITIAL_ETX = 1.5;
    /** Upper bound of any sample. */
    public static final double MAX_ETX = 8.0;
    /** Heartbeats per loss sample. */
    public static final int WINDOW = 32;
    /** Confirmable outcomes per sample. */
    public static final int CON_WINDOW = 16;
    /** Weight of a new sample. */
    public static final double ALPHA = 0.25;
    /** Granularity of the metric, in ETX. */
    public static final double METRIC_STEP = 0.25;
    /** The metric moves when the average is further than this from it (one and a half steps). */
    public static final double METRIC_HYSTERESIS = 1.5 * METRIC_STEP;

    private double etx = INITIAL_ETX;
    private double used = INITIAL_ETX;
    private int lastSequence = -1;
    private int expected;
    private int received;
    private double conCost;
    private int conOutcomes;

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
        conCost += outcome instanceof Delivery.Acknowledged ? outcome.transmissions() : MAX_ETX;
        if (++conOutcomes < CON_WINDOW) {
            return false;
        }
        double mean = conCost / conOutcomes;
        conCost = 0;
        conOutcomes = 0;
        return sample(mean);
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
        if (Math.abs(etx - used) <= METRIC_HYSTERESIS) {
            return false;
        }
        used = Math.max(1.0, Math.round(etx / METRIC_STEP) * METRIC_STEP);
        return true;
    }
}
