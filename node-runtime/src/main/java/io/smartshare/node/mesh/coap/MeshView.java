package io.smartshare.node.mesh.coap;

import io.smartshare.node.mesh.MeshNode;
import java.util.OptionalLong;

/**
 * What the mesh service offers the services that start after it ({@code
 * context.find(MeshView.class)}): the running mesh node (neighbours, routes, carriage counts)
 * its neighbours' CoAP addresses, and the uplink the operator configured.
 *
 * @param node the running mesh node
 * @param addresses where each live neighbour answers CoAP
 * @param uplinkKbps the uplink capacity configured ({@code --uplink}, {@code mesh.uplink-kbps}):
 *     present on a gateway, which is one while that uplink works ({@link MeshNode#setUplink})
 */
public record MeshView(MeshNode node, NeighborAddresses addresses, OptionalLong uplinkKbps) {
}
