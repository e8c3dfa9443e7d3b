package io.smartshare.hal.driver.linux;

/**
 * Carries one kernel byte counter on past its wraps and resets, so the metered total never
 * goes down. Not thread-safe; {@link LinuxLinks} serialises access.
 *
 * <p>When a counter goes down between two reads of a present interface it has wrapped, or
 * the driver reset it. A 32-bit counter (older drivers, 32-bit kernels) that was below
 * 2<sup>32</sup> is taken as wrapped if that makes the step less than 2 GiB; a 64-bit one
 * if the step modulo 2<sup>64</sup> is below 2<sup>62</sup>. Otherwise the counter restarted
 * from zero, and its new value is the step. An interface that vanished and came back counts
 * on from its old value if its counter did not go down, and from zero if it did (it was
 * recreated).
 */
final class WrappingCounter {
    private static final long TWO_POW_32 = 1L << 32;
    private static final long MAX_32_BIT_STEP = 1L << 31;
    private static final long MAX_64_BIT_STEP = 1L << 62;

    private long total;
    private long last;
    private boolean present = true;

    /** Starts at the kernel's value, so that totals match {@code /proc/net/dev} until the first wrap. */
    WrappingCounter(long first) {
        total = first;
        last = first;
    }

    /** Takes the next raw value and returns the total. */
    long advance(long raw) {
        long step;
        if (Long.compareUnsigned(raw, last) >= 0) {
            step = raw - last;
        } else if (!present) {
            step = raw;
        } else {
            step = wrapStep(last, raw);
        }
        present = true;
        last = raw;
        total += step;
        return total;
    }

    /** The interface is gone from the kernel's list. */
    void vanished() {
        present = false;
    }

    long total() {
        return total;
    }

    /** False from {@link #vanished()} until the next {@link #advance(long)}. */
    boolean present() {
        return present;
    }

    /** The step from {@code previous} to a smaller {@code current}: a wrap, or a restart from zero. */
    static long wrapStep(long previous, long current) {
        if (Long.compareUnsigned(previous, TWO_POW_32) < 0) {
            long wrapped = current + TWO_POW_32 - previous;
            return wrapped < MAX_32_BIT_STEP ? wrapped : current;
        }
        long wrapped = current - previous;
        return Long.compareUnsigned(wrapped, MAX_64_BIT_STEP) < 0 ? wrapped : current;
    }
}
