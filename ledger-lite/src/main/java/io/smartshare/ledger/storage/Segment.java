package io.smartshare.ledger.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One open segment file: its header, channel and a sparse index (the offset of every
 * {@value #STRIDE}th record) for range reads. The writer thread appends; the index is
 * read by any thread.
 */
final class Segment implements AutoCloseable {
    static final int STRIDE = 64;
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".log";

    final Path path;
    final SegmentHeader header;
    final LogChannel channel;
    /** Bytes written so far (writer thread only after open). */
    long end;
    /** Records written so far (writer thread only after open). */
    long count;
    private long[] index = new long[16];
    private int indexSize;

    Segment(Path path, SegmentHeader header, LogChannel channel, long end) {
        this.path = path;
        this.header = header;
        this.channel = channel;
        this.end = end;
    }

    static String fileName(long firstSeq) {
        return PREFIX + String.format("%020d", firstSeq) + SUFFIX;
    }

    static boolean isSegmentName(String name) {
        return name.matches(PREFIX + "[0-9]{20}" + SUFFIX);
    }

    long firstSeq() {
        return header.firstSeq();
    }

    /** Notes that record {@code firstSeq + count} starts at {@code offset}, and counts it. */
    synchronized void added(long offset) {
        if (count % STRIDE == 0) {
            if (indexSize == index.length) {
                index = Arrays.copyOf(index, index.length * 2);
            }
            index[indexSize++] = offset;
        }
        count++;
    }

    /** Records written so far, as seen from any thread. */
    synchronized long recordCount() {
        return count;
    }

    /** Offset of the indexed record at or before {@code seq}, and that record's seq. */
    synchronized long[] seek(long seq) {
        int slot = (int) ((seq - firstSeq()) / STRIDE);
        return new long[] {index[slot], firstSeq() + (long) slot * STRIDE};
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
