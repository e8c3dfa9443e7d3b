package io.smartshare.node.mesh.coap;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.RoutePosition;
import io.smartshare.node.mesh.link.LinkAddress;

/**
 * Something about a running node's mesh that an operator watches for, with its key=value
 * line: {@code event=mesh_neighbor_up node=… neighbor=… address=…}, {@code
 * event=mesh_neighbor_down node=… neighbor=…}, {@code event=mesh_route node=… gateway=…
 * epoch=… rank=… parent=…|none}.
 */
public sealed interface MeshChange {
    /** The node whose mesh changed. */
    NodeId node();

    /** The change as one key=value line. */
    String line();

    /** A neighbour became alive (first heard, or heard again after it was declared dead). */
    record NeighborUp(NodeId node, NodeId neighbor, LinkAddress address) implements MeshChange {
        @Override
        public String line() {
            return "event=mesh_neighbor_up node=" + node + " neighbor=" + neighbor + " address=" + address;
        }
    }

    /** A neighbour was declared dead or forgotten. */
    record NeighborDown(NodeId node, NodeId neighbor) implements MeshChange {
        @Override
        public String line() {
            return "event=mesh_neighbor_down node=" + node + " neighbor=" + neighbor;
        }
    }

    /** The node's parent, rank, epoch or gateway role changed. */
    record RouteChanged(NodeId node, RoutePosition position) implements MeshChange {
        @Override
        public String line() {
            return "event=mesh_route node=" + node + " gateway=" + position.gateway() + " epoch=" + position.epoch()
                    + " rank=" + position.rank() + " parent=" + position.parent().map(NodeId::value).orElse("none");
        }
    }
}
