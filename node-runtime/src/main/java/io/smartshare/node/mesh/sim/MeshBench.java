package io.smartshare.node.mesh.sim;

import io.smartshare.node.mesh.MeshConfig;
import java.util.List;
import java.util.Locale;

/**
 * The mesh benchmark behind {@code scripts/bench-mesh}: runs the simulator scenarios and
 * prints one {@code BENCH} line per figure (DESIGN.md format) plus {@code SIM} lines with the
 * context. Arguments name the parts to run ({@code detect}, {@code delivery}, {@code control},
 * {@code baseline}, {@code churn}); none runs all.
 */
public final class MeshBench {
    private static final long SEED = 20261122L;
    /** Loss per link and direction in the large-network scenarios. */
    private static final double BACKGROUND_LOSS = 0.02;

    private MeshBench() {
    }

    public static void main(String[] args) {
        List<String> parts = args.length == 0 ? List.of("detect", "delivery", "control", "baseline", "churn") : List.of(args);
        MeshConfig config = MeshConfig.defaults();
        for (String part : parts) {
            long started = System.nanoTime();
            switch (part) {
                case "detect" -> detect(config);
                case "delivery" -> delivery(config);
                case "control" -> control(config);
                case "baseline" -> baseline(config);
                case "churn" -> churn(config);
                default -> throw new IllegalArgumentException("unknown part '" + part
                        + "': expected detect, delivery, control, baseline or churn");
            }
            sim("part=%s wall=%.1fs", part, (System.nanoTime() - started) / 1e9);
        }
    }

    private static void detect(MeshConfig config) {
        NeighborDeathRun r = NeighborDeathRun.run(Topology.grid(32, 4), LinkModel.withLoss(BACKGROUND_LOSS), config, SEED, 5, 5);
        sim("scenario=neighbor-death topology=%s nodes=%d hops=5 trials=%d detection_ms=%s reconvergence_ms=%s loops=%d",
                r.topology(), r.nodes(), r.detectionMillis().length, java.util.Arrays.toString(r.detectionMillis()),
                java.util.Arrays.toString(r.reconvergenceMillis()), r.maxNodesInLoops());
        bench("mesh-detect-5hop-worst", r.worstDetectionMillis() / 1000.0, 3.0, "s", "<=3s (reference = budget)");
        bench("mesh-reconverge-5hop-worst", r.worstReconvergenceMillis() / 1000.0, 10.0, "s", "<=10s (reference = budget)");
    }

    private static void delivery(MeshConfig config) {
        LossyLineRun r = LossyLineRun.run(5, 0.10, 2_000, config, SEED);
        sim("scenario=lossy-line hops=%d loss=%.2f packets=%d delivered=%.4f loops=%d", r.hops(), r.loss(), r.packets(),
                r.deliveryRatio(), r.maxNodesInLoops());
        bench("mesh-delivery-10pct-loss-5hop", r.deliveryRatio() * 100, 99.5, "%", ">=99.5% (reference = budget)");
    }

    private static void control(MeshConfig config) {
        for (Topology t : List.of(Topology.randomDisk(10, 4, 1, SEED), Topology.randomDisk(100, 8, 1, SEED),
                Topology.randomDisk(1000, 10, 4, SEED), Topology.grid(32, 4))) {
            controlAt(t, BACKGROUND_LOSS, "", config);
        }
        controlAt(Topology.randomDisk(1000, 10, 4, SEED), 0.10, "-10pct-loss", config);
    }

    private static void controlAt(Topology t, double loss, String suffix, MeshConfig config) {
        SteadyStateRun r = SteadyStateRun.run(t, LinkModel.withLoss(loss), config, SEED, 150_000, 300_000);
        report(r, loss);
        bench("mesh-control-" + r.topology() + "-" + r.nodes() + suffix, r.controlBytesPerNodePerSecond(), 30.0, "B/s",
                "<=30B/s per node, flat (reference = budget; CoAP bytes of mesh frames and their ACKs, UDP/IP headers excluded)");
    }

    private static void baseline(MeshConfig config) {
        Topology t = Topology.randomDisk(100, 8, 1, SEED);
        SteadyStateRun ours = SteadyStateRun.run(t, LinkModel.withLoss(BACKGROUND_LOSS), config, SEED, 150_000, 300_000);
        // naive: a signed hello every 0.5-1 s, never backing off (Trickle with no doublings and no suppression)
        MeshConfig naive = new MeshConfig(config.heartbeatIntervalMillis(), config.missedHeartbeatsForDeath(),
                config.timeoutsForDeath(), 1_000, 0, Integer.MAX_VALUE, config.registrationRefreshMillis(),
                config.registrationLifetimeSeconds(), config.hopLimit(), config.maxNeighbors(), config.helloBurst(),
                config.hellosPerSecond(), config.neighborPurgeMillis(), config.repairMinIntervalMillis(), false);
        SteadyStateRun fixed = SteadyStateRun.run(t, LinkModel.withLoss(BACKGROUND_LOSS), naive, SEED, 150_000, 300_000);
        report(fixed, BACKGROUND_LOSS);
        bench("mesh-control-trickle-vs-fixed-hello-100", ours.controlBytesPerNodePerSecond(),
                fixed.controlBytesPerNodePerSecond(), "B/s", "<=30B/s (reference = naive fixed-interval hellos, same run)");
    }

    private static void churn(MeshConfig config) {
        for (Topology t : List.of(Topology.grid(32, 4), Topology.randomDisk(1000, 10, 4, SEED))) {
            ChurnRun r = ChurnRun.run(t, LinkModel.withLoss(BACKGROUND_LOSS), config, SEED, 120_000);
            sim("scenario=churn topology=%s nodes=%d convergence_ms=%d failover_ms=%d reconvergence_ms=%d kills=%d "
                            + "checks=%d delivered_between_survivors=%.4f hop_limit_drops=%d loops=%d", r.topology(), r.nodes(),
                    r.convergenceMillis(), r.failoverMillis(), r.reconvergenceMillis(), r.kills(), r.checks(), r.deliveryRatio(),
                    r.hopLimitDrops(), r.maxNodesInLoops());
            System.out.printf(Locale.ROOT, "BENCH mesh-loops-churn-%s-%d ours=%dnodes reference=0nodes ratio=n/a budget=0 loops%n",
                    r.topology(), r.nodes(), r.maxNodesInLoops());
        }
    }

    private static void report(SteadyStateRun r, double loss) {
        sim("scenario=steady topology=%s nodes=%d loss=%.2f convergence_ms=%d control_Bps=%.2f control_datagrams_ps=%.2f "
                        + "delivered=%.4f packets=%d checks=%d loops=%d", r.topology(), r.nodes(), loss, r.convergenceMillis(),
                r.controlBytesPerNodePerSecond(), r.controlDatagramsPerNodePerSecond(), r.deliveryRatio(), r.packets(),
                r.checks(), r.maxNodesInLoops());
    }

    private static void bench(String figure, double ours, double reference, String unit, String budget) {
        System.out.printf(Locale.ROOT, "BENCH %s ours=%.2f%s reference=%.2f%s ratio=%.3f budget=%s%n", figure, ours, unit,
                reference, unit, ours / reference, budget);
    }

    private static void sim(String format, Object... args) {
        System.out.printf(Locale.ROOT, "SIM " + format + "%n", args);
    }
}
