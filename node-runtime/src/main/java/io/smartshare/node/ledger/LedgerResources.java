package io.smartshare.node.ledger;

import io.smartshare.ledger.Ledger;
import org.eclipse.californium.core.CoapResource;

/**
 * {@code /ledger} and its children: the node's log as peers, beacons and auditors read it
 * (head, entries, checkpoints, proofs). Read-only, over coap and coaps alike.
 */
public final class LedgerResources {
    private LedgerResources() {
    }

    /** The {@code /ledger} resource with its children, serving {@code ledger}. */
    public static CoapResource create(Ledger ledger) {
        CoapResource root = new CoapResource("ledger");
        root.setVisible(false);
        root.add(new HeadResource(ledger), new EntriesResource(ledger), new CheckpointsResource(ledger),
                new ProofResource(ledger));
        return root;
    }
}
