package io.smartshare.node.compute;

import io.smartshare.contracts.compute.ComputeUnits;
import io.smartshare.ledger.identity.NodeId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /compute} and the {@code compute} section of {@code /metrics} show
 * (docs/compute.md, "What a node shows"), built from the stores' snapshots on the CoAP thread.
 */
final class ComputeDocument {
    private final ProviderJobs jobs;
    private final OwnedJobs owned;
    private final InstructionTotals verified;
    private final ProviderJobs.Limits limits;
    private final int capPercent;
    private final double share;

    ComputeDocument(ProviderJobs jobs, OwnedJobs owned, InstructionTotals verified, ProviderJobs.Limits limits,
            int capPercent, double share) {
        this.jobs = jobs;
        this.owned = owned;
        this.verified = verified;
        this.limits = limits;
        this.capPercent = capPercent;
        this.share = share;
    }

    /** {@code GET /compute}. */
    Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>(metrics());
        doc.put("limits", Map.of("module-bytes", limits.maxModuleBytes(), "input-bytes", limits.maxInputBytes(),
                "memory-pages", limits.maxPages(), "fuel", limits.maxFuel(), "queue", limits.queue()));
        doc.put("jobs", jobs.all().stream().map(ComputeDocument::row).toList());
        doc.put("owned", owned.all().stream().map(OwnedJob::toDocument).toList());
        return doc;
    }

    /** The {@code compute} section of {@code /metrics} and {@code status}. */
    Map<String, Object> metrics() {
        List<ProviderJobs.Job> all = jobs.all();
        long provided = jobs.provided().sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("share-cap-percent", capPercent);
        m.put("core-share", Math.round(share * 100) / 100.0);
        m.put("jobs-run", all.stream().filter(j -> j.state() == ProviderJobs.State.DONE).count());
        m.put("jobs-waiting", all.stream().filter(j -> j.state() == ProviderJobs.State.RECEIVING
                || j.state() == ProviderJobs.State.QUEUED || j.state() == ProviderJobs.State.RUNNING).count());
        m.put("instructions-provided", provided);
        m.put("cpu-ms-provided", ComputeUnits.cpuMillis(provided));
        m.put("owned-verified", owned.all().stream().filter(j -> j.state().equals("verified")).count());
        m.put("owned-disagreed", owned.all().stream().filter(j -> j.state().equals("disagreed")).count());
        m.put("instructions-verified", verified.sum());
        return m;
    }

    private static Map<String, Object> row(ProviderJobs.Job job) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", job.job().idHex());
        row.put("consumer", NodeId.of(job.job().consumer()).value());
        row.put("state", ProviderJobs.describe(job));
        row.put("fuel", job.job().task().fuel());
        row.put("price-per-million", job.job().pricePerMillion());
        job.result().ifPresent(r -> {
            row.put("outcome", r.outcome().label());
            row.put("instructions", r.instructions());
            row.put("output-bytes", r.outputSize());
            row.put("peak-pages", r.peakPages());
        });
        return row;
    }
}
