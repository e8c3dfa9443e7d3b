package io.smartshare.node.ledger;

/** What the node's ledger publishes on the event bus ({@link HealingLedger#publishTo}). */
public sealed interface LedgerEvent {
    /**
     * A record is durable in the ledger.
     *
     * @param seq its index
     * @param type its body's kind: {@code MeteringSample}, {@code Receipt}, {@code CheckpointMarker}, {@code KeyEvent}
     */
    record Appended(long seq, String type) implements LedgerEvent {
    }

    /**
     * The ledger signed a checkpoint.
     *
     * @param size the number of records it covers
     * @param root the Merkle root of those records, in hex
     */
    record CheckpointSigned(long size, String root) implements LedgerEvent {
    }
}
