package io.smartshare.node.mesh.sim;

import io.smartshare.node.mesh.RoutePosition;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * An omniscient look at a {@link SimNetwork}'s parent pointers: loops, and which live nodes
 * reach a live gateway with an uplink. Immutable result of one inspection.
 *
 * @param nodesInLoops live nodes whose parent chain returns to itself (must be 0)
 * @param attached live nodes whose parent chain ends at a live gateway with an uplink
 * @param reachable live nodes that could be attached: connected to such a gateway through live nodes
 * @param depth the parent-chain length of each node (-1 if not attached)
 * @param root the gateway each attached node's chain ends at (-1 if not attached)
 */
public record TreeCheck(int nodesInLoops, int attached, int reachable, int[] depth, int[] root) {
    public TreeCheck {
        depth = depth.clone();
        root = root.clone();
    }

    @Override
    public int[] depth() {
        return depth.clone();
    }

    @Override
    public int[] root() {
        return root.clone();
    }

    /** True if some node can reach a gateway, every such node does, and there is no loop. */
    public boolean converged() {
        return reachable > 0 && nodesInLoops == 0 && attached == reachable;
    }

    /** Inspects {@code net} now. */
    public static TreeCheck of(SimNetwork net) {
        int n = net.size();
        int[] parent = new int[n];
        boolean[] root = new boolean[n];
        boolean[] down = new boolean[n];
        for (int i = 0; i < n; i++) {
            Optional<RoutePosition> p = net.position(i);
            down[i] = p.isEmpty();
            parent[i] = p.flatMap(RoutePosition::parent).map(net::indexOf).orElse(-1);
            root[i] = p.map(RoutePosition::gateway).orElse(false) && net.hasUplink(i);
        }
        int[] depth = new int[n];
        Arrays.fill(depth, -1);
        int[] rootOf = new int[n];
        Arrays.fill(rootOf, -1);
        int[] stamp = new int[n];
        int loops = 0;
        int attached = 0;
        for (int i = 0; i < n; i++) {
            if (down[i]) {
                continue;
            }
            int steps = 0;
            int u = i;
            boolean loop = false;
            while (!root[u]) {
                stamp[u] = i + 1;
                int next = parent[u];
                if (next < 0 || down[next]) {
                    break;
                }
                if (stamp[next] == i + 1) {
                    loop = true;
                    break;
                }
                u = next;
                steps++;
            }
            if (loop) {
                loops++;
            } else if (root[u]) {
                attached++;
                depth[i] = steps;
                rootOf[i] = u;
            }
        }
        int[] gateways = IntStream.range(0, n).filter(i -> !down[i] && net.hasUplink(i)).toArray();
        int reachable = (int) Arrays.stream(net.topology().hopsFrom(gateways, down)).filter(h -> h >= 0).count();
        return new TreeCheck(loops, attached, reachable, depth, rootOf);
    }
}
