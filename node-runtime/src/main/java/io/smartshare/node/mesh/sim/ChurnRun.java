package io.smartshare.node.mesh.sim;

import io.smartshare.node.mesh.MeshConfig;
import io.smartshare.node.mesh.forwarding.ForwardingDecision.DropReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Churn with the tree inspected every half second: a gateway loses its uplink (failover
 * measured), then every 10 s 2 % of the live non-gateway nodes are killed and those killed
 * 30 s earlier come back, while half-way through another gateway loses its uplink for a
 * quarter of the time. Test packets flow throughout.
 *
 * @param topology topology name
 * @param nodes number of nodes
 * @param convergenceMillis from the last boot until every reachable node is attached (-1 if never)
 * @param failoverMillis from a gateway's uplink loss until every reachable node is attached again (-1 if never)
 * @param reconvergenceMillis from the end of churn (everyone revived) until converged (-1 if never)
 * @param kills nodes killed during churn
 * @param checks tree inspections made
 * @param maxNodesInLoops the most nodes any inspection found in a loop (must be 0)
 * @param deliveryRatio test packets sent during churn that arrived, among those whose source and
 *     destination were not killed after sending (packets relayed through a killed node count as lost)
 * @param hopLimitDrops packets dropped because their hop limit ran out (transiently
 *     inconsistent downward routes), counted by the nodes alive at the end
 */
public record ChurnRun(String topology, int nodes, long convergenceMillis, long failoverMillis,
                       long reconvergenceMillis, int kills, int checks, int maxNodesInLoops, double deliveryRatio,
                       long hopLimitDrops) {

    public static ChurnRun run(Topology topology, LinkModel link, MeshConfig config, long seed, long churnMillis) {
        SimNetwork net = new SimNetwork(topology, link, config, seed);
        Harness h = new Harness(net, seed);
        Random random = new Random(seed ^ 0xc4a05L);
        long converged = h.bootAndConverge(1_000, 600_000);
        h.run(30_000, 500);

        int[] gateways = topology.gateways();
        net.setUplink(gateways[0], false);
        long failover = h.runUntil(TreeCheck::converged, 100, 120_000);
        net.setUplink(gateways[0], true);
        h.runUntil(TreeCheck::converged, 100, 120_000);
        h.run(10_000, 500);

        boolean[] gateway = new boolean[net.size()];
        for (int g : gateways) {
            gateway[g] = true;
        }
        ArrayDeque<List<Integer>> down = new ArrayDeque<>();
        int rounds = (int) (churnMillis / 10_000);
        int kills = 0;
        int flapping = gateways[gateways.length - 1];
        for (int round = 0; round < rounds; round++) {
            if (round == rounds / 2) {
                net.setUplink(flapping, false);
            }
            if (round == rounds * 3 / 4) {
                net.setUplink(flapping, true);
            }
            if (down.size() == 3) {
                down.poll().forEach(net::revive);
            }
            List<Integer> victims = new ArrayList<>();
            int target = Math.max(1, net.size() / 50);
            while (victims.size() < target) {
                int v = random.nextInt(net.size());
                if (!gateway[v] && net.alive(v) && !victims.contains(v)) {
                    victims.add(v);
                }
            }
            victims.forEach(net::kill);
            kills += victims.size();
            down.add(victims);
            for (int s = 0; s < 10; s++) {
                h.sendTestPackets(Math.max(1, net.size() / 100));
                h.run(1_000, 500);
            }
        }
        down.forEach(l -> l.forEach(net::revive));
        long reconverged = h.runUntil(TreeCheck::converged, 100, 120_000);
        h.run(60_000, 1_000);
        long hopLimitDrops = IntStream.range(0, net.size()).filter(net::alive)
                .mapToLong(i -> net.node(i).forwardingCounters().dropped().get(DropReason.HOP_LIMIT_EXHAUSTED)).sum();
        return new ChurnRun(topology.name(), topology.size(), converged, failover, reconverged, kills, h.checks(),
                h.maxNodesInLoops(), h.deliveryRatioBetweenSurvivors(), hopLimitDrops);
    }
}
