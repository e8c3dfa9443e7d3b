package io.smartshare.node.uplink;

import io.smartshare.ledger.identity.NodeId;
import java.util.Set;

/**
 * What the uplink offers the services that start after it ({@code
 * context.find(RelayGate.class)}): forwarding for a neighbour stops while the neighbour is
 * cut (its subtree's traffic is dropped in both directions, docs/uplink.md "Pay to relay")
 * and resumes when it is not. The rewards service decides who is cut: neighbours that owe
 * more than the grace.
 */
public interface RelayGate {
    /** Cuts exactly {@code neighbours}, restoring every other; applied at the uplink's next sync. */
    void cutOnly(Set<NodeId> neighbours);
}
