package io.smartshare.node.mesh.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Who can hear whom: an undirected graph of {@code size} nodes, plus the nodes that start
 * with an uplink. Immutable.
 *
 * @param name for reports, e.g. "grid"
 * @param neighbors adjacency lists (symmetric)
 * @param gateways indexes of the nodes with an uplink
 */
public record Topology(String name, int[][] neighbors, int[] gateways) {
    public Topology {
        neighbors = Arrays.stream(neighbors).map(int[]::clone).toArray(int[][]::new);
        gateways = gateways.clone();
    }

    public int size() {
        return neighbors.length;
    }

    @Override
    public int[][] neighbors() {
        return Arrays.stream(neighbors).map(int[]::clone).toArray(int[][]::new);
    }

    @Override
    public int[] gateways() {
        return gateways.clone();
    }

    /** Whether node {@code node} starts with an uplink. */
    public boolean isGateway(int node) {
        return Arrays.stream(gateways).anyMatch(g -> g == node);
    }

    /** Whether nodes {@code a} and {@code b} hear each other (false for an index out of range). */
    public boolean areNeighbours(int a, int b) {
        if (a < 0 || a >= neighbors.length) {
            return false;
        }
        for (int x : neighbors[a]) { // a loop: SimNetwork asks for every datagram
            if (x == b) {
                return true;
            }
        }
        return false;
    }

    int[] neighborsOf(int node) {
        return neighbors[node];
    }

    /** A line 0 - 1 - ... - (n-1) with the gateway at 0. */
    public static Topology line(int n) {
        List<List<Integer>> adj = empty(n);
        for (int i = 1; i < n; i++) {
            link(adj, i - 1, i);
        }
        return new Topology("line", toArrays(adj), new int[] {0});
    }

    /**
     * A side x side grid (4-neighbourhood, n = side²) with {@code gatewayCount} gateways spread
     * over it (one in the centre when there is one).
     */
    public static Topology grid(int side, int gatewayCount) {
        int n = side * side;
        List<List<Integer>> adj = empty(n);
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                int i = r * side + c;
                if (c + 1 < side) {
                    link(adj, i, i + 1);
                }
                if (r + 1 < side) {
                    link(adj, i, i + side);
                }
            }
        }
        int[] gateways = new int[gatewayCount];
        int per = (int) Math.ceil(Math.sqrt(gatewayCount));
        for (int g = 0; g < gatewayCount; g++) {
            int r = (int) ((g / per + 0.5) * side / per);
            int c = (int) ((g % per + 0.5) * side / per);
            gateways[g] = Math.min(side - 1, r) * side + Math.min(side - 1, c);
        }
        return new Topology("grid", toArrays(adj), gateways);
    }

    /**
     * n nodes placed uniformly in a unit square, linked when closer than the radius that
     * gives {@code meanDegree} neighbours on average; the gateways are the nodes closest to
     * {@code gatewayCount} spread points. Nodes outside the gateways' component stay (they
     * are excluded from convergence figures).
     */
    public static Topology randomDisk(int n, double meanDegree, int gatewayCount, long seed) {
        Random random = new Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble();
            y[i] = random.nextDouble();
        }
        double radius = Math.sqrt(meanDegree / (Math.PI * n));
        List<List<Integer>> adj = empty(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = x[i] - x[j];
                double dy = y[i] - y[j];
                if (dx * dx + dy * dy < radius * radius) {
                    link(adj, i, j);
                }
            }
        }
        int[] gateways = new int[gatewayCount];
        int per = (int) Math.ceil(Math.sqrt(gatewayCount));
        for (int g = 0; g < gatewayCount; g++) {
            double px = (g % per + 0.5) / per;
            double py = (g / per + 0.5) / per;
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (Math.hypot(x[i] - px, y[i] - py) < Math.hypot(x[best] - px, y[best] - py)) {
                    best = i;
                }
            }
            gateways[g] = best;
        }
        return new Topology("random-disk", toArrays(adj), gateways);
    }

    /** Hop distance from the nearest of {@code sources} to every node (-1 if unreachable), skipping {@code excluded}. */
    int[] hopsFrom(int[] sources, boolean[] excluded) {
        int[] hops = new int[size()];
        Arrays.fill(hops, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s : sources) {
            if (!excluded[s]) {
                hops[s] = 0;
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int v : neighbors[u]) {
                if (hops[v] < 0 && !excluded[v]) {
                    hops[v] = hops[u] + 1;
                    queue.add(v);
                }
            }
        }
        return hops;
    }

    private static List<List<Integer>> empty(int n) {
        List<List<Integer>> adj = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        return adj;
    }

    private static void link(List<List<Integer>> adj, int a, int b) {
        adj.get(a).add(b);
        adj.get(b).add(a);
    }

    private static int[][] toArrays(List<List<Integer>> adj) {
        return adj.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }
}
