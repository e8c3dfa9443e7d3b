package io.smartshare.ledger.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.CompactRange;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.MeteringSample;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.storage.FrameReader;
import io.smartshare.ledger.storage.HookedFileIo;
import io.smartshare.ledger.storage.LedgerFiles;
import io.smartshare.ledger.storage.LogChannel;
import io.smartshare.ledger.storage.LogOptions;
import io.smartshare.ledger.storage.LogStores;
import io.smartshare.ledger.storage.SegmentHeader;
import io.smartshare.ledger.verify.LogVerifier;
import io.smartshare.ledger.verify.VerificationResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * The measurements behind {@code scripts/bench-ledger}. Subcommands:
 * <ul>
 * <li>{@code appends DIR N}: durable appends/s through {@link Ledger} against raw FileChannel
 *     writes of the same frames replayed in exactly the batches (bytes per fsync) the
 *     ledger used;</li>
 * <li>{@code build DIR N}: writes an N-record log for {@code verify};</li>
 * <li>{@code verify DIR}: records/s of {@link LogVerifier} over the log against raw SHA-256
 *     over the same segment bytes, and the peak heap while verifying (run it with -Xmx32m).</li>
 * </ul>
 */
public final class LedgerBench {
    private static final NodeIdentity KEY = NodeIdentity.fromSeed(
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    private static final int IN_FLIGHT = Integer.getInteger("bench.inFlight", 256);
    private static final int PAIRS = 15;

    private LedgerBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (!args[0].equals("build")) {
            printJvm(args[0]);
        }
        switch (args[0]) {
            case "appends" -> appends(dir, Integer.parseInt(args[2]));
            case "build" -> build(dir, Integer.parseInt(args[2]));
            case "verify" -> verify(dir);
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]);
        }
    }

    private static MeteringSample sample(long i) {
        return new MeteringSample("net.tx", 1000 + i % 100_000, "B", 60000);
    }

    /**
     * Appends {@code n} samples keeping up to {@link #IN_FLIGHT} unacknowledged: before
     * issuing append i it waits for append i - IN_FLIGHT. Returns elapsed nanos.
     */
    private static long appendAll(Ledger ledger, int n) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Record>[] window = new CompletableFuture[IN_FLIGHT];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int slot = i % IN_FLIGHT;
            if (window[slot] != null) {
                window[slot].join();
            }
            window[slot] = ledger.append(sample(i));
        }
        for (CompletableFuture<Record> f : window) {
            if (f != null) {
                f.join();
            }
        }
        return System.nanoTime() - start;
    }

    /**
     * Alternates {@value #PAIRS} short runs of ours and of the reference (each reference run
     * replays the batches of the ours run just before it) and sums their times, so both see
     * the same mix of fast and slow moments of a shared disk.
     */
    private static void appends(Path dir, int n) throws Exception {
        try (Ledger ledger = LedgerFiles.open(dir.resolve("warmup"), KEY)) {
            appendAll(ledger, 200_000);
        }
        long oursNanos = 0;
        long referenceNanos = 0;
        long fsyncs = 0;
        long oursForceNanos = 0;
        long oursBetweenNanos = 0;
        long referenceForceNanos = 0;
        for (int pair = 0; pair < PAIRS; pair++) {
            RecordingFileIo io = new RecordingFileIo();
            Path ours = dir.resolve("ours-" + pair);
            try (Ledger ledger = LedgerFiles.open(ours, KEY, LogOptions.defaults().withFileIo(io))) {
                io.start();
                oursNanos += appendAll(ledger, n);
                io.recording = false;
            }
            fsyncs += io.batches.size();
            oursForceNanos += io.forceNanos.get();
            oursBetweenNanos += io.betweenNanos.get();
            List<byte[]> frames = new ArrayList<>();
            try (Ledger ledger = LedgerFiles.open(ours, KEY)) {
                for (byte[] record : ledger.readEncoded(0, ledger.size())) {
                    frames.add(frame(record));
                }
            }
            long[] referenceForce = new long[1];
            referenceNanos += rawBatchedWrites(dir.resolve("reference-" + pair + ".log"), frames, io.batches,
                    referenceForce);
            referenceForceNanos += referenceForce[0];
        }
        long total = (long) n * PAIRS;
        System.out.printf(Locale.ROOT, "# appends: %d alternating pairs of %d records, %.1f records per segment "
                + "fsync; checkpoint every %d records%n", PAIRS, n, (double) total / fsyncs,
                LogOptions.defaults().checkpointEveryRecords());
        System.out.printf(Locale.ROOT, "# appends: mean segment fsync %.1f us (ours), %.1f us (reference); ours waits "
                + "%.1f us from one segment fsync's end to the next one's start%n", oursForceNanos / 1e3 / fsyncs,
                referenceForceNanos / 1e3 / fsyncs, oursBetweenNanos / 1e3 / (fsyncs - PAIRS));
        bench("durable-appends", total / (oursNanos / 1e9), "/s", total / (referenceNanos / 1e9), "/s", ">=0.80");
    }

    private static byte[] frame(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return ByteBuffer.allocate(8 + payload.length).putInt(payload.length).putInt((int) crc.getValue())
                .put(payload).array();
    }

    /**
     * The reference: the same frames written with FileChannel in the batches the ledger used
     * (batch i ends where the ledger's segment stood when its i-th fsync began), one fsync
     * per batch. Every measured append was acknowledged, so the marks cover all its frames.
     */
    private static long rawBatchedWrites(Path file, List<byte[]> frames, List<Long> marks, long[] forceNanos)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        int next = 0;
        long written = 0;
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long end : marks) {
                if (next == frames.size()) {
                    break;
                }
                while (written < end && next < frames.size()) {
                    byte[] f = frames.get(next++);
                    if (buffer.remaining() < f.length) {
                        buffer.flip();
                        channel.write(buffer);
                        buffer.clear();
                    }
                    buffer.put(f);
                    written += f.length;
                }
                buffer.flip();
                channel.write(buffer);
                buffer.clear();
                long t = System.nanoTime();
                channel.force(true);
                forceNanos[0] += System.nanoTime() - t;
            }
        }
        return System.nanoTime() - start;
    }

    private static void build(Path dir, int n) throws Exception {
        try (Ledger ledger = LedgerFiles.open(dir, KEY)) {
            appendAll(ledger, n - (int) ledger.size());
            System.out.printf(Locale.ROOT, "# built %s: %d records, latest checkpoint %d%n", dir, ledger.size(),
                    ledger.latestCheckpoint().map(c -> c.size()).orElse(0L));
        }
    }

    private static void verify(Path dataDir) throws Exception {
        Path ledgerDir = dataDir.resolve("ledger");
        List<Path> segments = LogStores.segmentFiles(ledgerDir);
        long bytes = 0;
        for (Path s : segments) {
            bytes += Files.size(s);
        }
        // warm up both code paths on the first segment
        rawSha256(segments.subList(0, 1));
        new LogVerifier(KEY.publicKey()).verifyDirectory(ledgerDir, r -> { });
        resetPeaks();

        long t0 = System.nanoTime();
        VerificationResult result = new LogVerifier(KEY.publicKey()).verifyDirectory(ledgerDir, r -> { });
        long oursNanos = System.nanoTime() - t0;
        long peakHeap = peakHeapBytes();
        long heapCap = Runtime.getRuntime().maxMemory();
        VerificationResult.Accepted accepted = (VerificationResult.Accepted) result;
        long t1 = System.nanoTime();
        rawSha256(segments);
        long referenceNanos = System.nanoTime() - t1;

        new LogVerifier(KEY.publicKey()).verifyDirectoryReadingAhead(ledgerDir, r -> { });
        resetPeaks();
        long t3 = System.nanoTime();
        VerificationResult ahead = new LogVerifier(KEY.publicKey()).verifyDirectoryReadingAhead(ledgerDir, r -> { });
        long aheadNanos = System.nanoTime() - t3;
        long aheadPeakHeap = peakHeapBytes();
        if (!ahead.equals(result)) {
            throw new IllegalStateException("the two-thread verifier disagrees: " + ahead + " vs " + result);
        }

        long t2 = System.nanoTime();
        Floor floor = treeHashFloor(segments);
        long hashed = floor.records();
        long floorNanos = System.nanoTime() - t2;
        long streamBlocks = 0;
        for (Path f : segments) {
            streamBlocks += shaBlocks(Files.size(f));
        }

        long records = accepted.size();
        System.out.printf(Locale.ROOT, "# verify: %d records, %d bytes in %d segments, %d checkpoints (signatures) "
                + "checked, -Xmx %d MB%n", records, bytes, segments.size(), accepted.checkpointsVerified(),
                heapCap >> 20);
        System.out.printf(Locale.ROOT, "# verify: RFC 6962 hashing alone (frames read, leaf and node hashes, no "
                + "decoding or checks) of %d records: %.0f records/s; ours is %.2f of that floor%n", hashed,
                hashed / (floorNanos / 1e9), (records / (oursNanos / 1e9)) / (hashed / (floorNanos / 1e9)));
        double referenceNanosPerBlock = (double) referenceNanos / streamBlocks;
        double treeBlocks = floor.treeBlocksPerRecord();
        double streamBlocksPerRecord = (double) streamBlocks / records;
        System.out.printf(Locale.ROOT, "# verify: SHA-256 blocks per record: %.2f streamed (reference, %.1f ns per "
                + "block incl. reading), %.2f in the RFC 6962 tree (leaf + node); the tree's hashing alone, at the "
                + "reference's ns per block and with no other work, allows at most %.2f of the reference on one "
                + "core, %.2f on two%n", streamBlocksPerRecord, referenceNanosPerBlock, treeBlocks,
                streamBlocksPerRecord / treeBlocks, 2 * streamBlocksPerRecord / treeBlocks);
        bench("verify-records", records / (oursNanos / 1e9), "/s", records / (referenceNanos / 1e9), "/s",
                ">=0.70(one-thread-vs-one-SHA-256-stream)");
        bench("verify-records-2threads", records / (aheadNanos / 1e9), "/s", records / (referenceNanos / 1e9), "/s",
                "none(informative:two-cores-vs-one-SHA-256-stream)");
        bench("verify-heap", Math.max(peakHeap, aheadPeakHeap) / 1048576.0, "MB", 32.0, "MB",
                "<=1.00(no-OOM-under-Xmx32m)");
    }

    /** Records hashed into a tree, and the SHA-256 compression blocks of their leaf hashes. */
    private record Floor(long records, long leafBlocks) {
        /** Blocks per record: each leaf hash, plus one interior node hash (2 blocks) per record but one. */
        double treeBlocksPerRecord() {
            return (leafBlocks + 2.0 * (records - 1)) / records;
        }
    }

    /** What a Merkle tree over the records costs at least: leaf hash and tree update per frame. */
    private static Floor treeHashFloor(List<Path> files) throws Exception {
        CompactRange range = new CompactRange();
        long leafBlocks = 0;
        for (Path f : files) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                in.skipNBytes(SegmentHeader.LENGTH);
                FrameReader reader = new FrameReader(in, SegmentHeader.LENGTH);
                FrameReader.Result r;
                while ((r = reader.next()) instanceof FrameReader.Frame frame) {
                    range.append(TreeHasher.leaf(frame.payload()));
                    leafBlocks += shaBlocks(1 + frame.payload().length);
                }
            }
        }
        range.root();
        return new Floor(range.size(), leafBlocks);
    }

    /** SHA-256 compression blocks for a message of {@code length} bytes (with padding and length). */
    private static long shaBlocks(long length) {
        return (length + 9 + 63) / 64;
    }

    /** SHA-256 over the bytes of the files, 64 KiB at a time, one digest per file. */
    private static void rawSha256(List<Path> files) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                }
            }
            sha.digest();
        }
    }

    /**
     * States the JVM and its flags: ours and the reference run in this one JVM, so they share
     * them. With C1 only ({@code TieredStopAtLevel} below 4, as bin/jvm.options sets for the
     * node) the JDK's SHA-256 runs without its CPU intrinsic.
     */
    private static void printJvm(String subcommand) {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        System.out.printf(Locale.ROOT, "# %s: ours and reference in one JVM: Java %s, flags %s, "
                + "TieredStopAtLevel=%s, UseSHA=%s, %d CPUs%n", subcommand, Runtime.version(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                hotspot.getVMOption("TieredStopAtLevel").getValue(), hotspot.getVMOption("UseSHA").getValue(),
                Runtime.getRuntime().availableProcessors());
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static void bench(String figure, double ours, String oursUnit, double reference, String referenceUnit,
            String budget) {
        System.out.printf(Locale.ROOT, "BENCH %s ours=%.1f%s reference=%.1f%s ratio=%.2f budget=%s%n", figure, ours,
                oursUnit, reference, referenceUnit, ours / reference, budget);
    }

    /** The real file system, remembering where the segment stood at each segment fsync. */
    private static final class RecordingFileIo extends HookedFileIo {
        final List<Long> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong forceNanos = new java.util.concurrent.atomic.AtomicLong();
        /** Time from the end of one segment fsync to the start of the next. */
        final java.util.concurrent.atomic.AtomicLong betweenNanos = new java.util.concurrent.atomic.AtomicLong();
        private volatile long lastForceEnd;
        volatile boolean recording;
        private volatile long base;

        void start() {
            base = total.get();
            recording = true;
        }

        @Override
        protected void write(LogChannel real, boolean segment, ByteBuffer src, long position) throws IOException {
            int n = src.remaining();
            real.write(src, position);
            if (segment) {
                total.addAndGet(n);
            }
        }

        @Override
        protected void force(LogChannel real, boolean segment) throws IOException {
            long mark = total.get() - base;
            long t = System.nanoTime();
            real.force();
            if (segment && recording) {
                long end = System.nanoTime();
                forceNanos.addAndGet(end - t);
                if (!batches.isEmpty()) {
                    betweenNanos.addAndGet(t - lastForceEnd);
                }
                lastForceEnd = end;
                batches.add(mark);
            }
        }
    }
}
