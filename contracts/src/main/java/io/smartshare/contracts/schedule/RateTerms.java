package io.smartshare.contracts.schedule;

import io.smartshare.contracts.ContractException;

/**
 * How one resource is paid (docs/contracts.md §7): {@code rate} micro-tokens per
 * {@code unit} of amount, at most {@code cap} micro-tokens per node per epoch.
 *
 * @param rate micro-tokens per unit, {@code >= 0}
 * @param unit amount per unit, {@code > 0}
 * @param cap micro-tokens per node per epoch for this resource, {@code >= 0}
 */
public record RateTerms(long rate, long unit, long cap) {
    public RateTerms {
        if (rate < 0 || unit <= 0 || cap < 0) {
            throw new ContractException("schedule terms: need rate >= 0, unit > 0, cap >= 0, found rate " + rate
                    + ", unit " + unit + ", cap " + cap);
        }
    }
}
