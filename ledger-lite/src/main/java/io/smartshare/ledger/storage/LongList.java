package io.smartshare.ledger.storage;

import java.util.Arrays;

/** A growable list of longs, thread-safe, for the seqs of checkpoint markers. */
final class LongList {
    private long[] values = new long[16];
    private int size;

    synchronized void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    synchronized long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
