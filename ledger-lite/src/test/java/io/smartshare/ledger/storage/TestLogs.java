package io.smartshare.ledger.storage;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.MeteringSample;
import io.smartshare.ledger.record.Record;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Helpers shared by the storage tests. */
final class TestLogs {
    static final NodeIdentity IDENTITY = FormatVectorsTest.LOG_KEY;

    private TestLogs() {
    }

    static MeteringSample sample(long i) {
        return new MeteringSample("net.tx", 1000 + i, "B", 60000);
    }

    /** Appends {@code count} samples one at a time, waiting for each; returns them. */
    static List<Record> appendEach(Ledger ledger, int count) {
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(ledger.append(sample(ledger.size())).join());
        }
        return out;
    }

    static Path segment(Path dataDir, long firstSeq) {
        return dataDir.resolve("ledger").resolve(Segment.fileName(firstSeq));
    }

    /** Start offsets of the frames in a segment file, plus its end. */
    static List<Long> frameOffsets(Path segment) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (InputStream in = Files.newInputStream(segment)) {
            in.skipNBytes(SegmentHeader.LENGTH);
            FrameReader reader = new FrameReader(in, SegmentHeader.LENGTH);
            FrameReader.Result r;
            while ((r = reader.next()) instanceof FrameReader.Frame) {
                offsets.add(r.offset());
            }
            offsets.add(r.offset());
        }
        return offsets;
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
