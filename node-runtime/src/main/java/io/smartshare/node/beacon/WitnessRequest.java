package io.smartshare.node.beacon;

import io.smartshare.contracts.beacon.Beacons;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.merkle.ConsistencyProof;

/**
 * A beacon's request for a cosignature (docs/beacon.md §6, after C2SP tlog-witness's
 * add-checkpoint): {@code {0: the beacon checkpoint note, 1: the size the proof starts from,
 * 2: [consistency proof hashes]}}. A member that last cosigned another size answers 4.09
 * {@code cosigned up to N}.
 */
record WitnessRequest(SignedCheckpoint note, ConsistencyProof proof) {
    static final String WRONG_SIZE = "cosigned up to ";
    private static final String DOCUMENT = "witness request";

    byte[] encode() {
        return Cbor.encode(CborMap.builder()
                .put(0, new CborValue.Bytes(note.encoded()))
                .put(1, proof.from())
                .put(2, Beacons.path(proof.path()))
                .build());
    }

    static WitnessRequest decode(byte[] bytes) {
        CborFields f = CborFields.of(CborFields.decode(bytes, DOCUMENT), DOCUMENT, 3);
        SignedCheckpoint note = Beacons.note(f.bytes(0, "note", -1), DOCUMENT);
        long from = f.uint(1, "old size");
        if (from > note.size()) {
            throw new io.smartshare.contracts.ContractException(DOCUMENT + ": old size " + from + " beyond the note's "
                    + note.size());
        }
        return new WitnessRequest(note, new ConsistencyProof(from, note.size(), Beacons.path(f.value(2), DOCUMENT)));
    }
}
