package io.smartshare.node.mesh.sim;

import io.smartshare.node.mesh.MeshConfig;

/**
 * Boots a network, waits for convergence, lets Trickle settle, then measures control
 * traffic and the delivery of test packets over a window.
 *
 * @param topology topology name
 * @param nodes number of nodes
 * @param convergenceMillis from the last boot until every reachable node is attached (-1 if never)
 * @param controlBytesPerNodePerSecond control frame bytes (and their CoAP ACKs) sent per node per second in the window
 * @param controlDatagramsPerNodePerSecond control datagrams sent per node per second in the window
 * @param deliveryRatio fraction of test packets delivered
 * @param packets test packets sent
 * @param checks tree inspections made
 * @param maxNodesInLoops the most nodes any inspection found in a loop
 */
public record SteadyStateRun(String topology, int nodes, long convergenceMillis, double controlBytesPerNodePerSecond,
                             double controlDatagramsPerNodePerSecond, double deliveryRatio, int packets, int checks,
                             int maxNodesInLoops) {

    /**
     * @param warmupMillis time after convergence before the window opens
     * @param windowMillis the measurement window
     */
    public static SteadyStateRun run(Topology topology, LinkModel link, MeshConfig config, long seed, long warmupMillis,
                                     long windowMillis) {
        SimNetwork net = new SimNetwork(topology, link, config, seed);
        Harness h = new Harness(net, seed);
        long converged = h.bootAndConverge(1_000, 600_000);
        h.run(warmupMillis, 1_000);
        long bytesBefore = h.totalControlBytes();
        long datagramsBefore = totalDatagrams(net);
        int perSecond = Math.max(1, topology.size() / 50);
        for (long t = 0; t < windowMillis; t += 1_000) {
            h.sendTestPackets(perSecond);
            h.run(1_000, 1_000);
        }
        double nodeSeconds = topology.size() * windowMillis / 1000.0;
        double bytes = (h.totalControlBytes() - bytesBefore) / nodeSeconds;
        double datagrams = (totalDatagrams(net) - datagramsBefore) / nodeSeconds;
        h.run(90_000, 5_000);
        return new SteadyStateRun(topology.name(), topology.size(), converged, bytes, datagrams, h.deliveryRatio(),
                h.packetsSent(), h.checks(), h.maxNodesInLoops());
    }

    private static long totalDatagrams(SimNetwork net) {
        long sum = 0;
        for (int i = 0; i < net.size(); i++) {
            sum += net.controlDatagrams(i);
        }
        return sum;
    }
}
