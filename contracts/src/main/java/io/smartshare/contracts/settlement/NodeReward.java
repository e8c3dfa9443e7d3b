package io.smartshare.contracts.settlement;

import io.smartshare.contracts.ContractException;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Objects;

/**
 * One node's line of an epoch result (docs/contracts.md §8.3, §8.4), all in micro-tokens.
 *
 * @param node the provider
 * @param earned what its counted receipts are worth at the schedule's rates, before caps
 * @param capped {@code earned} after the per-resource caps
 * @param reward what it is paid from the pool, including {@code dustShare}
 * @param dustShare 1 if it received one micro-token of rounding dust, else 0
 */
public record NodeReward(Ed25519PublicKey node, long earned, long capped, long reward, long dustShare) {
    public NodeReward {
        Objects.requireNonNull(node, "node");
        if (earned < 0 || capped < 0 || capped > earned || reward < 0 || dustShare < 0 || dustShare > 1) {
            throw new ContractException("reward of " + node + ": inconsistent earned " + earned + ", capped " + capped
                    + ", reward " + reward + ", dust " + dustShare);
        }
    }
}
