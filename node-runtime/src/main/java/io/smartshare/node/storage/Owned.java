package io.smartshare.node.storage;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.metering.HeldStorage;
import io.smartshare.contracts.storage.StorageAgreement;
import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborException;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import java.util.Optional;

/**
 * One content this node stores on a holder, as its owner knows it: the agreement, the file it
 * came from, whether the upload is complete, the audits so far and what they earned the holder
 * ({@code paid}: the byte-time proven by audits, as a {@link HeldStorage} whose reading is the
 * content's size since the last passed audit). Immutable; the {@code with…} methods give the
 * next state. Stored as a CBOR map with integer keys (docs/storage.md, "Owner's files").
 *
 * @param gap true after a missed audit: the time until the next passed one is not paid
 * @param stopped why audits and pay stopped for good (a failed audit), empty while they run
 */
record Owned(StorageAgreement agreement, String file, long plainSize, boolean uploaded, HeldStorage paid,
        boolean gap, long passed, long failed, long missed, Optional<String> stopped, boolean deleted) {

    /** A content just agreed, not yet uploaded. */
    static Owned agreed(StorageAgreement agreement, String file, long plainSize, long nowMillis) {
        return new Owned(agreement, file, plainSize, false, HeldStorage.startingAt(nowMillis), false, 0, 0, 0,
                Optional.empty(), false);
    }

    StorageTerms terms() {
        return agreement.terms();
    }

    /** True while audits run: uploaded, not stopped, not deleted, within the term. */
    boolean audited(long nowMillis) {
        return uploaded && stopped.isEmpty() && !deleted && nowMillis < terms().end() * 1000;
    }

    /** The upload completed at {@code atMillis}: pay runs from then, once the first audit passes. */
    Owned withUploaded(long atMillis) {
        return new Owned(agreement, file, plainSize, true, new HeldStorage(terms().size(), atMillis, paid.megabyteSeconds(),
                paid.byteMillisCarried()), false, passed, failed, missed, stopped, deleted);
    }

    /** An audit passed at {@code atMillis}: the time since the last passed one is paid, unless a miss came between. */
    Owned withPassed(long atMillis) {
        long until = Math.min(atMillis, terms().end() * 1000);
        HeldStorage next = gap || until < paid.sinceMillis()
                ? new HeldStorage(terms().size(), Math.max(until, paid.sinceMillis()), paid.megabyteSeconds(),
                        paid.byteMillisCarried())
                : paid.advance(terms().size(), until);
        return new Owned(agreement, file, plainSize, uploaded, next, false, passed + 1, failed, missed, stopped, deleted);
    }

    /** An audit got no answer in time: the time since the last passed one is not paid. */
    Owned withMissed() {
        return new Owned(agreement, file, plainSize, uploaded, paid, true, passed, failed, missed + 1, stopped, deleted);
    }

    /** An audit failed: pay stops for good. */
    Owned withFailed(String reason) {
        return new Owned(agreement, file, plainSize, uploaded, paid, gap, passed, failed + 1, missed,
                Optional.of(reason), deleted);
    }

    Owned withDeleted() {
        return new Owned(agreement, file, plainSize, uploaded, paid, gap, passed, failed, missed, stopped, true);
    }

    /** The state file's bytes (the agreement is kept beside it). */
    byte[] encodeState() {
        return Cbor.encode(CborMap.builder().put(0, 1).put(1, file).put(2, plainSize).put(3, uploaded ? 1 : 0)
                .put(4, paid.megabyteSeconds()).put(5, paid.byteMillisCarried()).put(6, paid.sinceMillis())
                .put(7, gap ? 1 : 0).put(8, passed).put(9, failed).put(10, missed).put(11, stopped.orElse(""))
                .put(12, deleted ? 1 : 0).build());
    }

    /**
     * Reads a state file.
     *
     * @throws ContractException if it is damaged
     */
    static Owned decode(StorageAgreement agreement, byte[] state) {
        try {
            if (!(Cbor.decode(state) instanceof CborMap map)) {
                throw new ContractException("storage state: not a CBOR map");
            }
            String stopped = text(map, 11);
            return new Owned(agreement, text(map, 1), number(map, 2), number(map, 3) == 1,
                    new HeldStorage(agreement.terms().size(), number(map, 6), number(map, 4), number(map, 5)),
                    number(map, 7) == 1, number(map, 8), number(map, 9), number(map, 10),
                    stopped.isEmpty() ? Optional.empty() : Optional.of(stopped), number(map, 12) == 1);
        } catch (CborException e) {
            throw new ContractException("storage state: " + e.getMessage(), e);
        }
    }

    private static long number(CborMap map, int key) {
        if (map.get(key).orElse(null) instanceof CborValue.Int i && i.value() >= 0) {
            return i.value();
        }
        throw new ContractException("storage state: field " + key + " is not an unsigned integer");
    }

    private static String text(CborMap map, int key) {
        if (map.get(key).orElse(null) instanceof CborValue.Text t) {
            return t.value();
        }
        throw new ContractException("storage state: field " + key + " is not text");
    }
}
