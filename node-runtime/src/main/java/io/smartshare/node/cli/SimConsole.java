package io.smartshare.node.cli;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.RoutePosition;
import io.smartshare.node.mesh.coap.CoapMesh;
import io.smartshare.node.mesh.coap.MeshChange;
import io.smartshare.node.mesh.hello.HelloCounters;
import io.smartshare.node.mesh.neighbor.NeighborView;
import io.smartshare.node.mesh.routing.Rank;
import io.smartshare.node.mesh.sim.LoopbackMesh;
import io.smartshare.node.mesh.sim.Topology;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code sim} prints: nodes named n0, n1 … in topology order, one line per change with
 * the time since start, and a summary line (attached nodes, deepest route, live links,
 * control traffic, dropped hellos). Thread-safe: changes come from every node's timer thread.
 */
final class SimConsole {
    private final PrintStream out;
    private final List<NodeId> ids;
    private final Map<NodeId, String> names = new HashMap<>();
    private final long startNanos = System.nanoTime();
    private long lastControlBytes;
    private long lastSummaryNanos = startNanos;
    private LoopbackMesh mesh;
    /** The faults injected that the mesh has not yet healed around, oldest first. */
    private final List<SimFault> healing = new ArrayList<>();
    /** Every node's route as last printed: healing is judged on what the view has shown. */
    private final Map<NodeId, RoutePosition> shown = new HashMap<>();
    /** Revived nodes without a route yet, and when each was revived. */
    private final Map<NodeId, Long> rejoining = new HashMap<>();

    /** @param ids the nodes' ids in topology order: node {@code i} is named n{@code i} */
    SimConsole(PrintStream out, List<NodeId> ids) {
        this.out = out;
        this.ids = List.copyOf(ids);
        for (int i = 0; i < ids.size(); i++) {
            names.put(ids.get(i), "n" + i);
        }
    }

    synchronized void starting(Topology topology) {
        out.printf("sim: %d nodes, %s topology, gateway%s %s; Ctrl-C stops%n", topology.size(), topology.name(),
                topology.gateways().length > 1 ? "s" : "", gatewayNames(topology));
        int cut = topology.size() - reachable(topology);
        if (cut > 0) {
            out.printf("sim: %d node(s) have no path to a gateway in this topology and will stay unattached"
                    + " (another --seed draws another one)%n", cut);
        }
    }

    /** How many nodes the topology links to a gateway, the gateways included. */
    private static int reachable(Topology topology) {
        int[][] neighbors = topology.neighbors();
        boolean[] seen = new boolean[topology.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int g : topology.gateways()) {
            seen[g] = true;
            queue.add(g);
        }
        int count = queue.size();
        while (!queue.isEmpty()) {
            for (int next : neighbors[queue.poll()]) {
                if (!seen[next]) {
                    seen[next] = true;
                    queue.add(next);
                    count++;
                }
            }
        }
        return count;
    }

    /** Prints which node id and port each name stands for. */
    synchronized void ports(Topology topology, LoopbackMesh mesh) {
        this.mesh = mesh;
        for (int i = 0; i < topology.size(); i++) {
            out.printf("sim: n%-3d %s  coap://127.0.0.1:%d%n", i, ids.get(i).value(), mesh.coapPort(i));
        }
        out.println("sim: query a node at coap://127.0.0.1:PORT/mesh/routes (or /mesh/neighbors)");
    }

    /** Says that node {@code index} was killed; the next changes are timed from now until the mesh heals. */
    synchronized void killed(int index, String why) {
        out.printf("%8.2fs %-4s killed (%s)%n", seconds(), "n" + index, why);
        healing.add(SimFault.kill(ids.get(index)));
    }

    /** Says that the link between nodes {@code a} and {@code b} was cut; timed as a kill is. */
    synchronized void cut(int a, int b, String why) {
        out.printf("%8.2fs %-4s link to n%d cut (%s)%n", seconds(), "n" + a, b, why);
        healing.add(SimFault.cut(ids.get(a), ids.get(b)));
    }

    /**
     * Says that killed node {@code index} started again; its rejoining shows as changes, and
     * the moment it has a route again is timed (recovered). Its kill is no longer timed: the
     * mesh may now route through it again.
     */
    synchronized void revived(int index, String why) {
        out.printf("%8.2fs %-4s revived (%s)%n", seconds(), "n" + index, why);
        healing.removeIf(f -> f.b().isEmpty() && f.a().equals(ids.get(index)));
        rejoining.put(ids.get(index), System.nanoTime());
    }

    /** Prints a line about the run itself (a key not understood, nothing left to kill, ...). */
    synchronized void note(String text) {
        out.printf("%8.2fs      %s%n", seconds(), text);
    }

    synchronized void change(MeshChange change) {
        String who = name(change.node());
        String what;
        if (change instanceof MeshChange.NeighborUp up) {
            what = "neighbour up   " + name(up.neighbor()) + " at " + up.address();
        } else if (change instanceof MeshChange.NeighborDown down) {
            what = "neighbour down " + name(down.neighbor());
        } else {
            RoutePosition p = ((MeshChange.RouteChanged) change).position();
            shown.put(change.node(), p);
            what = p.gateway() ? "route: gateway, rank " + p.rank()
                    : p.parent().map(parent -> "route: parent " + name(parent) + ", rank " + p.rank() + ", epoch " + p.epoch())
                            .orElse("route: none (rank infinite)");
        }
        out.printf("%8.2fs %-4s %s%n", seconds(), who, what);
        if (change instanceof MeshChange.RouteChanged route && rejoining.containsKey(change.node())
                && (route.position().gateway() || route.position().parent().isPresent())) {
            out.printf("%8.2fs      recovered: %s has a route again %.2f s after the revive%n", seconds(), who,
                    (System.nanoTime() - rejoining.remove(change.node())) / 1e9);
        }
        for (int i = 0; i < healing.size(); i++) {
            if (timeHealing(i, change)) {
                healing.remove(i--);
            }
        }
    }

    /**
     * After fault {@code index}: the first node that notices (detection), then the moment every
     * live node that had a route before has one again that avoids what failed (healed).
     *
     * @return whether the mesh has healed around it
     */
    private boolean timeHealing(int index, MeshChange change) {
        SimFault fault = healing.get(index);
        String event = fault.b().isPresent() ? "cut" : "kill";
        if (!fault.detected() && change instanceof MeshChange.NeighborDown down && fault.detectedBy(down)) {
            String noticed = fault.b().isPresent() ? "the link to " + name(down.neighbor()) + " cut"
                    : name(fault.a()) + " gone";
            out.printf("%8.2fs      detected: %s noticed %s %.2f s after the %s%n", seconds(), name(down.node()), noticed,
                    fault.secondsSince(), event);
            fault = fault.noticed();
            healing.set(index, fault);
        }
        if (fault.detected() && mesh != null && healed(fault)) {
            NodeId a = fault.a();
            String avoided = fault.b().map(b -> "over the link " + name(a) + "-" + name(b)).orElse("through " + name(a));
            out.printf("%8.2fs      healed: every live node has a route again, none %s, %.2f s after the %s%n", seconds(),
                    avoided, fault.secondsSince(), event);
            return true;
        }
        return false;
    }

    /** Whether the view has shown every live node with a route that avoids {@code fault}. */
    private boolean healed(SimFault fault) {
        for (CoapMesh node : mesh.nodes()) {
            NodeId id = node.node().id();
            RoutePosition p = shown.get(id);
            if (p == null || !fault.avoidedBy(id, p)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Prints one summary line. The nodes are read before this console's lock is taken: a node
     * reports its changes to {@link #change} holding its own lock.
     */
    void summary(LoopbackMesh mesh) {
        List<CoapMesh> nodes = mesh.nodes();
        Map<NodeId, RoutePosition> positions = new HashMap<>();
        int links = 0;
        long drops = 0;
        long control = 0;
        for (CoapMesh node : nodes) {
            positions.put(node.node().id(), node.node().position());
            links += (int) node.node().neighbors().stream().filter(NeighborView::alive).count();
            HelloCounters hellos = node.node().helloCounters();
            drops += hellos.dropped();
            control += node.controlBytesSent();
        }
        long attached = positions.values().stream().filter(p -> p.gateway() || p.rank() != Rank.INFINITE).count();
        int deepest = positions.keySet().stream().mapToInt(id -> hops(id, positions)).max().orElse(0);
        printSummary(attached, nodes.size(), deepest, links / 2, control, drops);
    }

    private synchronized void printSummary(long attached, int nodes, int deepest, int links, long control, long drops) {
        long now = System.nanoTime();
        double perNode = (control - lastControlBytes) / ((now - lastSummaryNanos) / 1e9) / nodes;
        lastControlBytes = control;
        lastSummaryNanos = now;
        out.printf("%8.2fs summary: attached %d/%d, deepest route %d hops, live links %d, control %.0f B/s per node,"
                + " hellos dropped %d%n", seconds(), attached, nodes, deepest, links, perNode, drops);
    }

    /** Hops from {@code id} up to its gateway along parents; 0 for a gateway or a detached node. */
    private static int hops(NodeId id, Map<NodeId, RoutePosition> positions) {
        int hops = 0;
        Optional<NodeId> at = Optional.of(id);
        while (at.isPresent() && hops <= positions.size()) {
            RoutePosition p = positions.get(at.get());
            if (p == null || p.gateway() || p.parent().isEmpty()) {
                return p != null && p.gateway() ? hops : 0;
            }
            at = p.parent();
            hops++;
        }
        return hops;
    }

    private String gatewayNames(Topology topology) {
        StringBuilder s = new StringBuilder();
        for (int g : topology.gateways()) {
            s.append(s.length() == 0 ? "" : ",").append('n').append(g);
        }
        return s.toString();
    }

    private String name(NodeId id) {
        return names.getOrDefault(id, id.value().substring(0, 8));
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
