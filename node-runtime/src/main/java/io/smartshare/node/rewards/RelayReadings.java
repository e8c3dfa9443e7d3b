package io.smartshare.node.rewards;

import io.smartshare.contracts.metering.MeterSnapshot;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.node.metering.PeerMeter;

/**
 * Relay bytes exchanged with a channel's other party, as this node's own meter counts them:
 * {@code relay.up} plus {@code relay.down}, cumulative since the pair first met
 * (docs/contracts.md §5, §6.4). The payer reads what it {@link Role#CONSUMED consumed} from
 * the payee, the payee what it {@link Role#PROVIDED provided} to the payer.
 */
@FunctionalInterface
interface RelayReadings {
    /** The cumulative relay bytes with {@code peer} in {@code role}, 0 if none were metered. */
    long relayed(Ed25519PublicKey peer, Role role);

    /** Readings of the node's {@link PeerMeter} (the one receipts are signed and checked from). */
    static RelayReadings of(PeerMeter meter) {
        return (peer, role) -> {
            meter.learnKey(peer); // a channel's party is known by its key; the meter counts by node id
            MeterSnapshot now = meter.snapshot(System.currentTimeMillis());
            return Math.addExact(now.amount(peer, Resource.RELAY_UP, role), now.amount(peer, Resource.RELAY_DOWN, role));
        };
    }
}
