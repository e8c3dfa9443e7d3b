package io.smartshare.ledger.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborException;
import io.smartshare.ledger.equivocation.EquivocationEvidence;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.record.RecordException;
import io.smartshare.ledger.storage.SegmentHeader;

/**
 * Every ledger-lite decoder of bytes from the network or the disk ends, whatever the bytes, in
 * a value or its documented domain exception: never another exception, a hang or an
 * allocation out of proportion to the input. In {@code mvn verify} these run the inputs in
 * {@code src/test/resources/…/LedgerDecodersFuzzTestInputs/<test>/} (regression); {@code
 * scripts/fuzz} fuzzes them (coverage-guided, Jazzer) and what it finds becomes such an input.
 */
class LedgerDecodersFuzzTest {
    @FuzzTest
    void cbor(byte[] bytes) {
        try {
            Cbor.decode(bytes);
        } catch (CborException expected) {
            // documented refusal
        }
    }

    @FuzzTest
    void record(byte[] bytes) {
        try {
            Record.decode(bytes);
        } catch (RecordException | CborException expected) {
            // documented refusal
        }
    }

    @FuzzTest
    void segmentHeader(byte[] bytes) {
        try {
            SegmentHeader.decode(bytes);
        } catch (IllegalArgumentException expected) {
            // documented refusal
        }
    }

    @FuzzTest
    void equivocationEvidence(byte[] bytes) {
        try {
            EquivocationEvidence.decode(bytes);
        } catch (IllegalArgumentException expected) {
            // documented refusal
        }
    }
}
