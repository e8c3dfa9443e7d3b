package io.smartshare.contracts.schedule;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.NodeIdentity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reward schedule (docs/contracts.md §7): which resources are paid at which rate and
 * cap, and the pool split each epoch from {@code validFromEpoch} on. The only split
 * defined is capped pro rata with largest-remainder dust ({@link #SPLIT_CAPPED_PRO_RATA}).
 *
 * @param version serial number; a newer schedule has a higher one
 * @param validFromEpoch first epoch this schedule applies to
 * @param pool micro-tokens distributed per epoch
 * @param terms rate, unit and cap per paid resource, at least one
 */
public record RewardSchedule(long version, long validFromEpoch, long pool, Map<Resource, RateTerms> terms) {
    /** The split rule code of docs/contracts.md §8.4. */
    public static final long SPLIT_CAPPED_PRO_RATA = 1;
    private static final String DOCUMENT = "schedule";

    public RewardSchedule {
        terms = Map.copyOf(terms);
        if (version < 0 || validFromEpoch < 0 || pool < 0) {
            throw new ContractException("schedule: version, valid-from epoch and pool must be >= 0, found " + version
                    + ", " + validFromEpoch + ", " + pool);
        }
        if (terms.isEmpty()) {
            throw new ContractException("schedule: terms must name at least one resource");
        }
    }

    /** The terms for {@code resource}, if it is paid. */
    public Optional<RateTerms> terms(Resource resource) {
        return Optional.ofNullable(terms.get(resource));
    }

    /** The deterministic CBOR payload. */
    public byte[] encode() {
        CborMap.Builder rates = CborMap.builder();
        terms.forEach((resource, t) -> rates.put(resource.code(), new CborValue.Array(List.of(
                new CborValue.Int(t.rate()), new CborValue.Int(t.unit()), new CborValue.Int(t.cap())))));
        return Cbor.encode(CborMap.builder()
                .put(0, 1)
                .put(1, version)
                .put(2, validFromEpoch)
                .put(3, pool)
                .put(4, SPLIT_CAPPED_PRO_RATA)
                .put(5, rates.build())
                .build());
    }

    /** The schedule id: SHA-256 of {@link #encode()}. */
    public byte[] id() {
        return Sha256.of(encode());
    }

    /** The COSE_Sign1 bytes of this schedule signed by {@code issuer}, as distributed to nodes. */
    public byte[] sign(NodeIdentity issuer) {
        return CoseSign1.sign(Domain.SCHEDULE, encode(), issuer).encode();
    }

    /**
     * Reads a payload.
     *
     * @throws ContractException naming the field that breaks docs/contracts.md §7
     */
    public static RewardSchedule decode(byte[] payload) {
        CborFields f = CborFields.of(CborFields.decode(payload, DOCUMENT), DOCUMENT, 6);
        f.requireUint(0, "format", 1);
        f.requireUint(4, "split", SPLIT_CAPPED_PRO_RATA);
        if (!(f.value(5) instanceof CborMap rates)) {
            throw new ContractException("schedule: field 5 (terms): expected a map, found " + f.value(5));
        }
        Map<Resource, RateTerms> terms = new EnumMap<>(Resource.class);
        for (CborMap.Entry e : rates.entries()) {
            String what = "schedule terms " + e.key();
            if (!(e.key() instanceof CborValue.Int code) || Resource.ofCode(code.value()).isEmpty()) {
                throw new ContractException("schedule: field 5 (terms): unknown resource code " + e.key());
            }
            List<CborValue> t = CborFields.array(e.value(), what, 3);
            terms.put(Resource.ofCode(code.value()).orElseThrow(),
                    new RateTerms(CborFields.uintItem(t.get(0), what), CborFields.uintItem(t.get(1), what),
                    CborFields.uintItem(t.get(2), what)));
        }
        return new RewardSchedule(f.uint(1, "version"), f.uint(2, "valid from"), f.uint(3, "pool"), terms);
    }
}
