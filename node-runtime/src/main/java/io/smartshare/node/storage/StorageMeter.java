package io.smartshare.node.storage;

import io.smartshare.contracts.metering.MeterKey;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.node.lifecycle.ServiceCounters;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * The storage service's counters for the node's meter, in megabyte-seconds: {@code storage}
 * provided to each owner for the time its contents were held complete, consumed from each
 * holder for the time audits proved. Both are computed from what the stores keep on disk, so
 * they survive restarts and never decrease.
 */
final class StorageMeter implements ServiceCounters {
    private static final BigInteger BYTE_MILLIS_PER_MB_S = BigInteger.valueOf(1_000_000_000L);

    private final HeldContents held;
    private final OwnedContents owned;

    StorageMeter(HeldContents held, OwnedContents owned) {
        this.held = held;
        this.owned = owned;
    }

    @Override
    public Map<MeterKey, Long> cumulative(long atMillis) {
        Map<MeterKey, Long> counters = new HashMap<>();
        for (Map.Entry<Ed25519PublicKey, BigInteger> e : held.heldByteMillis(atMillis).entrySet()) {
            long mbs = e.getValue().divide(BYTE_MILLIS_PER_MB_S).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
            if (mbs > 0) {
                counters.put(new MeterKey(e.getKey(), Resource.STORAGE, Role.PROVIDED), mbs);
            }
        }
        for (Map.Entry<Ed25519PublicKey, Long> e : owned.paid().entrySet()) {
            if (e.getValue() > 0) {
                counters.put(new MeterKey(e.getKey(), Resource.STORAGE, Role.CONSUMED), e.getValue());
            }
        }
        return counters;
    }
}
