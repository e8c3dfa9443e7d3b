package io.smartshare.ledger.storage;

import io.smartshare.ledger.merkle.CompactRange;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.record.CheckpointMarker;
import java.util.Optional;

/**
 * Where recovery leaves the writer: the tree so far, the last leaf, the marker still owed
 * for the latest checkpoint, and records added since it.
 */
record WriterState(CompactRange range, Hash lastLeaf, Optional<CheckpointMarker> pendingMarker,
        long recordsSinceCheckpoint) {
}
