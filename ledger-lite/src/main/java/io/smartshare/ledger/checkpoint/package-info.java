/**
 * Checkpoints (signed tree heads) as C2SP signed notes, with witness cosignatures.
 */
package io.smartshare.ledger.checkpoint;
