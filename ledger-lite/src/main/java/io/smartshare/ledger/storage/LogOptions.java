package io.smartshare.ledger.storage;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of an opened log. Start from {@link #defaults()} and change what you need.
 *
 * @param maxBatchRecords group commit: most appends written under one fsync (default 1024)
 * @param maxBatchDelay group commit: how long the writer waits for more appends after the
 *     first one of a batch before syncing (default 0: it syncs what is queued at once;
 *     more appends gather while an fsync runs)
 * @param queueCapacity appends waiting for the writer; {@code append} blocks when full
 *     (default 4096)
 * @param checkpointEveryRecords publish a checkpoint after this many new records (default 10,000:
 *     a checkpoint costs three fsyncs, so under load this keeps it near 5 % of the batch
 *     fsyncs; records after the latest checkpoint are fully re-checked at open)
 * @param checkpointInterval or after this long if any record was added (default 10 min)
 * @param segmentBytes start a new segment file beyond this size (default 64 MiB)
 * @param fileIo the file system (replaceable for tests)
 * @param clock time source for record times and the checkpoint interval
 */
public record LogOptions(int maxBatchRecords, Duration maxBatchDelay, int queueCapacity, long checkpointEveryRecords,
        Duration checkpointInterval, long segmentBytes, FileIo fileIo, Clock clock) {
    public LogOptions {
        Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(fileIo, "fileIo");
        Objects.requireNonNull(clock, "clock");
        if (maxBatchRecords < 1 || queueCapacity < 1 || checkpointEveryRecords < 1
                || segmentBytes < SegmentHeader.LENGTH + 1024 || maxBatchDelay.isNegative()
                || checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("log options out of range: " + LogOptions.class.getSimpleName()
                    + "[maxBatchRecords=" + maxBatchRecords + ", maxBatchDelay=" + maxBatchDelay + ", queueCapacity="
                    + queueCapacity + ", checkpointEveryRecords=" + checkpointEveryRecords + ", checkpointInterval="
                    + checkpointInterval + ", segmentBytes=" + segmentBytes + "]");
        }
    }

    /** The defaults documented on each parameter. */
    public static LogOptions defaults() {
        return new LogOptions(1024, Duration.ZERO, 4096, 10_000, Duration.ofMinutes(10), 64L << 20, FileIo.system(),
                Clock.systemUTC());
    }

    public LogOptions withGroupCommit(int maxRecords, Duration maxDelay) {
        return new LogOptions(maxRecords, maxDelay, queueCapacity, checkpointEveryRecords, checkpointInterval,
                segmentBytes, fileIo, clock);
    }

    public LogOptions withCheckpoints(long everyRecords, Duration interval) {
        return new LogOptions(maxBatchRecords, maxBatchDelay, queueCapacity, everyRecords, interval, segmentBytes,
                fileIo, clock);
    }

    public LogOptions withSegmentBytes(long bytes) {
        return new LogOptions(maxBatchRecords, maxBatchDelay, queueCapacity, checkpointEveryRecords,
                checkpointInterval, bytes, fileIo, clock);
    }

    public LogOptions withFileIo(FileIo io) {
        return new LogOptions(maxBatchRecords, maxBatchDelay, queueCapacity, checkpointEveryRecords,
                checkpointInterval, segmentBytes, io, clock);
    }

    public LogOptions withClock(Clock c) {
        return new LogOptions(maxBatchRecords, maxBatchDelay, queueCapacity, checkpointEveryRecords,
                checkpointInterval, segmentBytes, fileIo, c);
    }
}
