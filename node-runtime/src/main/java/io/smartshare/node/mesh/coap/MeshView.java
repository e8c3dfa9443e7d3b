package io.smartshare.node.mesh.coap;

import io.smartshare.node.mesh.MeshNode;

/**
 * What the mesh service offers the services that start after it ({@code
 * context.find(MeshView.class)}): the running mesh node (neighbours, routes, carriage counts)
 * and its neighbours' CoAP addresses.
 *
 * @param node the running mesh node
 * @param addresses where each live neighbour answers CoAP
 */
public record MeshView(MeshNode node, NeighborAddresses addresses) {
}
