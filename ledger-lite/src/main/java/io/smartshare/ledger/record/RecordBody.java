package io.smartshare.ledger.record;

import io.smartshare.ledger.cbor.CborWriter;
import io.smartshare.ledger.cbor.CborReader;

/** What a record says; the closed set of record types (docs/ledger-format.md §2). */
public sealed interface RecordBody permits MeteringSample, Receipt, CheckpointMarker, KeyEvent {
    /** The type code stored in the record's {@code type} field. */
    int typeCode();

    /** Writes the body's CBOR map (keys 0.. in order, so deterministic). */
    void write(CborWriter writer);

    /**
     * Reads the body of a record of type {@code typeCode} from {@code reader}.
     *
     * @throws RecordException if the type is unknown or the body is malformed or invalid
     */
    static RecordBody read(long typeCode, CborReader reader) {
        return switch ((int) Math.min(typeCode, Integer.MAX_VALUE)) {
            case MeteringSample.TYPE -> MeteringSample.read(reader);
            case Receipt.TYPE -> Receipt.read(reader);
            case CheckpointMarker.TYPE -> CheckpointMarker.read(reader);
            case KeyEvent.TYPE -> KeyEvent.read(reader);
            default -> throw new RecordException("record: field type: expected 1..4, found " + typeCode);
        };
    }
}
