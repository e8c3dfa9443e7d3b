package io.smartshare.ledger.verify;

import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.record.RecordException;
import io.smartshare.ledger.storage.FrameReader;
import io.smartshare.ledger.storage.SegmentHeader;
import java.io.IOException;
import java.io.InputStream;

/** Turns one segment stream into {@link ReadStep}s. */
final class SegmentSteps {
    /** Receives steps in order. */
    @FunctionalInterface
    interface Sink {
        /** Takes one step; false asks the reader to stop. */
        boolean accept(ReadStep step) throws InterruptedException;
    }

    private SegmentSteps() {
    }

    /**
     * Feeds the steps of the segment in {@code in} to {@code sink}, up to and including its
     * {@link ReadStep.Stop}; false if the sink asked to stop before that.
     *
     * @throws IOException only if reading {@code in} fails
     */
    static boolean read(InputStream in, Sink sink) throws IOException, InterruptedException {
        if (!sink.accept(new ReadStep.Start(in.readNBytes(SegmentHeader.LENGTH)))) {
            return false;
        }
        FrameReader reader = new FrameReader(in, SegmentHeader.LENGTH);
        while (true) {
            FrameReader.Result r = reader.next();
            if (!(r instanceof FrameReader.Frame frame)) {
                return sink.accept(new ReadStep.Stop(r));
            }
            if (!sink.accept(step(frame.payload()))) {
                return false;
            }
        }
    }

    private static ReadStep step(byte[] payload) {
        try {
            return new ReadStep.Decoded(Record.decode(payload), TreeHasher.leaf(payload));
        } catch (RecordException e) {
            return new ReadStep.Undecodable(e.getMessage());
        }
    }
}
