package io.smartshare.node.mesh.sim;

import io.smartshare.node.mesh.MeshConfig;

/**
 * A line of {@code hops + 1} nodes, gateway at one end, every link losing {@code loss} of
 * the datagrams in each direction. Test packets alternate between end-to-gateway and
 * gateway-to-end, two per second, each hop confirmable (CoAP CON retransmission).
 *
 * @param hops hops between the ends
 * @param loss loss per link and direction
 * @param packets test packets sent
 * @param deliveryRatio fraction delivered
 * @param maxNodesInLoops the most nodes any inspection found in a loop
 */
public record LossyLineRun(int hops, double loss, int packets, double deliveryRatio, int maxNodesInLoops) {

    public static LossyLineRun run(int hops, double loss, int packets, MeshConfig config, long seed) {
        SimNetwork net = new SimNetwork(Topology.line(hops + 1), LinkModel.withLoss(loss), config, seed);
        Harness h = new Harness(net, seed);
        h.bootAndConverge(1_000, 120_000);
        h.run(60_000, 1_000);
        for (int k = 0; k < packets; k++) {
            if (k % 2 == 0) {
                h.sendTestPacket(hops, 0);
            } else {
                h.sendTestPacket(0, hops);
            }
            h.run(500, 500);
        }
        h.run(400_000, 5_000);
        return new LossyLineRun(hops, loss, h.packetsSent(), h.deliveryRatio(), h.maxNodesInLoops());
    }
}
