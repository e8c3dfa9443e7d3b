package io.smartshare.contracts.beacon;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * What a member sends the beacon to close an epoch (docs/beacon.md §4): its latest signed
 * ledger checkpoint and the receipt records its reward rests on (the latest per consumer and
 * resource: settlement counts the highest cumulative amount), each with its index and the
 * inclusion proof against that checkpoint; never its whole ledger. Signed by the member
 * ({@code smartshare/beacon-submission/v1}), so a beacon that refuses it can show why.
 *
 * @param epoch the epoch being closed
 * @param member the member
 * @param checkpoint its ledger checkpoint (a C2SP note signed by its key)
 * @param entries the records, at most {@link #MAX_ENTRIES}
 */
public record Submission(long epoch, Ed25519PublicKey member, SignedCheckpoint checkpoint, List<Entry> entries) {
    public static final int MAX_ENTRIES = 1024;
    /** A signed submission is at most this long. */
    public static final int MAX_BYTES = 1 << 20;
    private static final String DOCUMENT = "beacon submission";

    /**
     * One record of the member's ledger and its inclusion path.
     *
     * @param index the record's seq (its leaf index)
     * @param record the record as encoded in the ledger (the leaf's bytes)
     * @param path the inclusion proof's sibling hashes, from the leaf up
     */
    public record Entry(long index, byte[] record, List<Hash> path) {
        public Entry {
            record = record.clone();
            path = List.copyOf(path);
        }

        @Override
        public byte[] record() {
            return record.clone();
        }
    }

    public Submission {
        entries = List.copyOf(entries);
        if (entries.size() > MAX_ENTRIES) {
            throw new ContractException(DOCUMENT + ": at most " + MAX_ENTRIES + " entries, found " + entries.size());
        }
    }

    /** The deterministic CBOR payload. */
    public byte[] encode() {
        List<CborValue> items = new ArrayList<>();
        for (Entry e : entries) {
            items.add(new CborValue.Array(List.of(new CborValue.Int(e.index()), new CborValue.Bytes(e.record),
                    Beacons.path(e.path()))));
        }
        return Cbor.encode(CborMap.builder()
                .put(0, epoch)
                .put(1, new CborValue.Bytes(member.encoded()))
                .put(2, new CborValue.Bytes(checkpoint.encoded()))
                .put(3, new CborValue.Array(items))
                .build());
    }

    /** The COSE_Sign1 bytes of this submission signed by the member {@code identity}. */
    public byte[] sign(NodeIdentity identity) {
        if (!identity.publicKey().equals(member)) {
            throw new IllegalArgumentException("a submission is signed by its member");
        }
        return CoseSign1.sign(Domain.BEACON_SUBMISSION, encode(), identity).encode();
    }

    /**
     * Reads a payload.
     *
     * @throws ContractException naming the field at fault
     */
    public static Submission decode(byte[] payload) {
        CborFields f = CborFields.of(CborFields.decode(payload, DOCUMENT), DOCUMENT, 4);
        SignedCheckpoint checkpoint = Beacons.note(f.bytes(2, "checkpoint", -1), DOCUMENT + ": field 2 (checkpoint)");
        if (!(f.value(3) instanceof CborValue.Array items) || items.items().size() > MAX_ENTRIES) {
            throw new ContractException(DOCUMENT + ": field 3 (entries): expected an array of at most " + MAX_ENTRIES);
        }
        List<Entry> entries = new ArrayList<>();
        for (CborValue item : items.items()) {
            List<CborValue> e = CborFields.array(item, DOCUMENT + " entry", 3);
            if (!(e.get(1) instanceof CborValue.Bytes record)) {
                throw new ContractException(DOCUMENT + ": an entry is [index, record, [proof hashes]]");
            }
            entries.add(new Entry(CborFields.uintItem(e.get(0), DOCUMENT + " entry index"), record.value(),
                    Beacons.path(e.get(2), DOCUMENT + " entry")));
        }
        return new Submission(f.uint(0, "epoch"), f.publicKey(1, "member"), checkpoint, entries);
    }
}
