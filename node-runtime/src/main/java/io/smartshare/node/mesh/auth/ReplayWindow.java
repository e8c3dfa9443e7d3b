package io.smartshare.node.mesh.auth;

/**
 * The counters of one sender's sealed frames accepted so far (RFC 4303 §3.4.3 style): any
 * counter above the highest seen, or one of the {@value #SIZE} below it not yet seen, is new;
 * everything else is a replay or too old. Frames may arrive out of order. Not thread-safe.
 */
final class ReplayWindow {
    static final int SIZE = 64;
    private long highest;
    /** Bit i set: counter {@code highest - i} was seen. */
    private long seen;

    /** A window that takes every counter above {@code floor} (the sender's last before its keys arrived), and none below. */
    ReplayWindow(long floor) {
        this.highest = floor;
        this.seen = -1L;
    }

    /** Records {@code counter} if it is new; returns false (and records nothing) for a replay. */
    boolean accept(long counter) {
        if (counter > highest) {
            long shift = counter - highest;
            seen = shift >= SIZE ? 1 : seen << shift | 1;
            highest = counter;
            return true;
        }
        long age = highest - counter;
        if (age >= SIZE || (seen & 1L << age) != 0) {
            return false;
        }
        seen |= 1L << age;
        return true;
    }

    /** Whether {@code counter} would be accepted, without recording it. */
    boolean wouldAccept(long counter) {
        long age = highest - counter;
        return counter > highest || age < SIZE && (seen & 1L << age) == 0;
    }
}
