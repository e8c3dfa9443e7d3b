package io.smartshare.ledger.verify;

import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.storage.FrameReader;

/**
 * What reading one segment yields, in file order: its header, then one step per whole frame
 * (decoded with its leaf hash, or the reason it does not decode), then how it ended. The
 * work that needs no state of the log (reading, CRC, decoding, leaf hash) is done by the time
 * a step exists, so it can be done on another thread ({@link ReadAhead}).
 */
sealed interface ReadStep permits ReadStep.Start, ReadStep.Decoded, ReadStep.Undecodable, ReadStep.Stop {
    /** A segment begins; {@code header} holds its first bytes (fewer if the file is shorter). */
    record Start(byte[] header) implements ReadStep {
    }

    /** A frame whose payload decoded strictly. */
    record Decoded(Record record, Hash leaf) implements ReadStep {
    }

    /** A frame whose payload is not a valid record. */
    record Undecodable(String reason) implements ReadStep {
    }

    /** The segment ended: {@link FrameReader.End} or {@link FrameReader.Damaged}. */
    record Stop(FrameReader.Result end) implements ReadStep {
    }
}
