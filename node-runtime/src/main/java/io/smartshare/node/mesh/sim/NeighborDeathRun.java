package io.smartshare.node.mesh.sim;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.MeshConfig;
import io.smartshare.node.mesh.neighbor.NeighborView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Kills a node that is {@code hops} hops from its gateway and has children, and measures
 * how long its children take to declare it dead (detection) and how long until every
 * reachable node is attached again (reconvergence), both from the kill. Repeated over
 * several victims, each revived before the next trial.
 *
 * @param topology topology name
 * @param nodes number of nodes
 * @param detectionMillis per trial, the latest detection among the victim's children
 * @param reconvergenceMillis per trial, kill to convergence (-1 if not within 60 s)
 * @param maxNodesInLoops the most nodes any inspection found in a loop
 */
public record NeighborDeathRun(String topology, int nodes, long[] detectionMillis, long[] reconvergenceMillis,
                               int maxNodesInLoops) {
    public NeighborDeathRun {
        detectionMillis = detectionMillis.clone();
        reconvergenceMillis = reconvergenceMillis.clone();
    }

    @Override
    public long[] detectionMillis() {
        return detectionMillis.clone();
    }

    @Override
    public long[] reconvergenceMillis() {
        return reconvergenceMillis.clone();
    }

    /** The worst detection over the trials. */
    public long worstDetectionMillis() {
        return Arrays.stream(detectionMillis).max().orElse(-1);
    }

    /** The worst reconvergence over the trials (-1 if any trial never reconverged). */
    public long worstReconvergenceMillis() {
        return Arrays.stream(reconvergenceMillis).anyMatch(r -> r < 0) ? -1
                : Arrays.stream(reconvergenceMillis).max().orElse(-1);
    }

    public static NeighborDeathRun run(Topology topology, LinkModel link, MeshConfig config, long seed, int trials,
                                       int hops) {
        SimNetwork net = new SimNetwork(topology, link, config, seed);
        Harness h = new Harness(net, seed);
        Random random = new Random(seed ^ 0xdeadL);
        h.bootAndConverge(1_000, 600_000);
        h.run(60_000, 1_000);
        long[] detection = new long[trials];
        long[] reconvergence = new long[trials];
        for (int trial = 0; trial < trials; trial++) {
            int victim = pickVictim(net, h.last(), hops, random);
            NodeId victimId = net.id(victim);
            int[] children = childrenOf(net, victim);
            long killedAt = h.now();
            net.kill(victim);
            while (!IntStream.of(children).allMatch(c -> declaredDead(net, c, victimId)) && h.now() - killedAt < 30_000) {
                h.run(50, 50);
            }
            detection[trial] = h.now() - killedAt;
            long more = h.runUntil(TreeCheck::converged, 50, 60_000);
            reconvergence[trial] = more < 0 ? -1 : h.now() - killedAt;
            net.revive(victim);
            h.runUntil(TreeCheck::converged, 100, 120_000);
            h.run(60_000, 1_000);
        }
        return new NeighborDeathRun(topology.name(), topology.size(), detection, reconvergence, h.maxNodesInLoops());
    }

    private static int pickVictim(SimNetwork net, TreeCheck tree, int hops, Random random) {
        int[] depth = tree.depth();
        List<Integer> options = new ArrayList<>();
        for (int i = 0; i < depth.length; i++) {
            if (depth[i] == hops && childrenOf(net, i).length > 0) {
                options.add(i);
            }
        }
        if (options.isEmpty()) {
            throw new IllegalStateException("no node with children at " + hops + " hops in " + net.topology().name());
        }
        return options.get(random.nextInt(options.size()));
    }

    private static int[] childrenOf(SimNetwork net, int node) {
        NodeId id = net.id(node);
        return IntStream.range(0, net.size())
                .filter(i -> net.position(i).flatMap(p -> p.parent()).filter(id::equals).isPresent())
                .toArray();
    }

    private static boolean declaredDead(SimNetwork net, int observer, NodeId victim) {
        if (!net.alive(observer)) {
            return true;
        }
        return net.node(observer).neighbors().stream().filter(v -> v.id().equals(victim)).noneMatch(NeighborView::alive);
    }
}
