package io.smartshare.node.mesh.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Drives a {@link SimNetwork} in steps, inspecting the tree after every step (so loops are
 * looked for continuously, not just at the end) and sending test packets on demand.
 */
public final class Harness {
    private final SimNetwork net;
    private final Random random;
    private final List<Sent> sent = new ArrayList<>();
    private long nextTag;
    private int checks;
    private int maxNodesInLoops;
    private TreeCheck last;

    public Harness(SimNetwork net, long seed) {
        this.net = net;
        this.random = new Random(seed ^ 0x7e57L);
        this.last = TreeCheck.of(net);
    }

    public SimNetwork net() {
        return net;
    }

    public long now() {
        return net.loop().nowMillis();
    }

    /**
     * Boots every node within {@code spreadMillis} and runs until converged; returns the time
     * from the last boot to convergence, or -1 if not within {@code limitMillis}.
     */
    public long bootAndConverge(long spreadMillis, long limitMillis) {
        net.bootAll(spreadMillis);
        run(spreadMillis, 100);
        return runUntil(TreeCheck::converged, 100, limitMillis);
    }

    /** Advances by {@code millis}, inspecting every {@code stepMillis}. */
    public void run(long millis, long stepMillis) {
        long end = now() + millis;
        while (now() < end) {
            step(Math.min(stepMillis, end - now()));
        }
    }

    /**
     * Advances in steps of {@code stepMillis} until {@code done} holds for the inspection, at
     * most {@code limitMillis}; returns the time it took, or -1 if it never held.
     */
    public long runUntil(Predicate<TreeCheck> done, long stepMillis, long limitMillis) {
        long start = now();
        do {
            if (now() - start >= limitMillis) {
                return -1;
            }
            step(stepMillis);
        } while (!done.test(last));
        return now() - start;
    }

    /** The latest inspection. */
    public TreeCheck last() {
        return last;
    }

    /** Inspections made so far. */
    public int checks() {
        return checks;
    }

    /** The largest number of nodes found in loops by any inspection. */
    public int maxNodesInLoops() {
        return maxNodesInLoops;
    }

    /**
     * Sends {@code count} test packets between random attached nodes and their gateway, half
     * upward (node to gateway), half downward (gateway to node).
     */
    public void sendTestPackets(int count) {
        int[] root = last.root();
        List<Integer> attached = new ArrayList<>();
        for (int i = 0; i < root.length; i++) {
            if (root[i] >= 0 && root[i] != i) {
                attached.add(i);
            }
        }
        if (attached.isEmpty()) {
            return;
        }
        for (int k = 0; k < count; k++) {
            int node = attached.get(random.nextInt(attached.size()));
            if (random.nextBoolean()) {
                sendTestPacket(node, root[node]);
            } else {
                sendTestPacket(root[node], node);
            }
        }
    }

    /** Test packets sent so far. */
    public int packetsSent() {
        return sent.size();
    }

    /** Of the test packets sent so far, the fraction that arrived. */
    public double deliveryRatio() {
        return ratio(sent);
    }

    /**
     * Like {@link #deliveryRatio()}, counting only packets whose source and destination were
     * not killed after the packet was sent (a packet for a dead node cannot arrive).
     */
    public double deliveryRatioBetweenSurvivors() {
        return ratio(sent.stream().filter(p -> net.lastKilledMillis(p.source) < p.atMillis
                && net.lastKilledMillis(p.destination) < p.atMillis).toList());
    }

    private double ratio(List<Sent> packets) {
        if (packets.isEmpty()) {
            return Double.NaN;
        }
        return (double) packets.stream().filter(p -> net.delivered(p.tag)).count() / packets.size();
    }

    /** Sends one test packet from {@code source} to {@code destination} and tracks it. */
    public void sendTestPacket(int source, int destination) {
        long tag = nextTag++;
        sent.add(new Sent(tag, source, destination, now()));
        net.sendTestPacket(source, destination, tag);
    }

    /** Total control bytes sent by all nodes so far. */
    public long totalControlBytes() {
        long sum = 0;
        for (int i = 0; i < net.size(); i++) {
            sum += net.controlBytes(i);
        }
        return sum;
    }

    private record Sent(long tag, int source, int destination, long atMillis) {
    }

    private void step(long millis) {
        net.loop().runUntil(now() + millis);
        last = TreeCheck.of(net);
        checks++;
        maxNodesInLoops = Math.max(maxNodesInLoops, last.nodesInLoops());
    }
}
