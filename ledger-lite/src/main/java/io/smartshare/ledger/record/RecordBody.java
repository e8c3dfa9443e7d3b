package io.smartshare.ledger.record;

import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;

/** What a record says; the closed set of record types (docs/ledger-format.md §2). */
public sealed interface RecordBody permits MeteringSample, Receipt, CheckpointMarker, KeyEvent {
    /** The type code stored in the record's {@code type} field. */
    int typeCode();

    /** The body's CBOR map. */
    CborMap toCbor();

    /**
     * Decodes the body of a record of type {@code typeCode}.
     *
     * @throws RecordException if the type is unknown or the body is malformed or invalid
     */
    static RecordBody fromCbor(long typeCode, CborValue body) {
        return switch ((int) Math.min(typeCode, Integer.MAX_VALUE)) {
            case MeteringSample.TYPE -> MeteringSample.fromCbor(body);
            case Receipt.TYPE -> Receipt.fromCbor(body);
            case CheckpointMarker.TYPE -> CheckpointMarker.fromCbor(body);
            case KeyEvent.TYPE -> KeyEvent.fromCbor(body);
            default -> throw new RecordException("record: field type: expected 1..4, found " + typeCode);
        };
    }
}
