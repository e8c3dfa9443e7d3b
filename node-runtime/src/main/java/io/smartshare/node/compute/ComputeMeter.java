package io.smartshare.node.compute;

import io.smartshare.contracts.compute.ComputeUnits;
import io.smartshare.contracts.metering.MeterKey;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.node.lifecycle.ServiceCounters;
import java.util.HashMap;
import java.util.Map;

/**
 * The compute service's counters for the node's meter, in {@code cpu} milliseconds
 * ({@link ComputeUnits}): provided to each consumer for every job this node ran for it,
 * consumed from each provider only for the jobs whose results this node verified. Both are
 * read from durable totals, so they survive restarts and never decrease.
 */
final class ComputeMeter implements ServiceCounters {
    private final InstructionTotals provided;
    private final InstructionTotals verified;

    ComputeMeter(InstructionTotals provided, InstructionTotals verified) {
        this.provided = provided;
        this.verified = verified;
    }

    @Override
    public Map<MeterKey, Long> cumulative(long atMillis) {
        Map<MeterKey, Long> counters = new HashMap<>();
        add(counters, provided, Role.PROVIDED);
        add(counters, verified, Role.CONSUMED);
        return counters;
    }

    private static void add(Map<MeterKey, Long> counters, InstructionTotals totals, Role role) {
        for (Map.Entry<Ed25519PublicKey, Long> e : totals.all().entrySet()) {
            long millis = ComputeUnits.cpuMillis(e.getValue());
            if (millis > 0) {
                counters.put(new MeterKey(e.getKey(), Resource.CPU, role), millis);
            }
        }
    }
}
