package io.smartshare.ledger.checkpoint;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.merkle.Hash;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A tree head: the log named {@code origin} had {@code size} records with tree hash
 * {@code root}. Unsigned; see {@link SignedCheckpoint}.
 */
public record Checkpoint(String origin, long size, Hash root) {
    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(root, "root");
        if (origin.isEmpty() || origin.indexOf('\n') >= 0 || origin.indexOf(' ') >= 0) {
            throw new CheckpointException("checkpoint: origin: expected one word without spaces, found '" + origin
                    + "'");
        }
        if (size < 0) {
            throw new CheckpointException("checkpoint: size: expected >= 0, found " + size);
        }
    }

    /** The origin (and key name) of the log of node {@code id}: {@code smartshare/ledger/<id>}. */
    public static String originOf(NodeId id) {
        return "smartshare/ledger/" + id.value();
    }

    /** The note body that is signed: {@code origin\nsize\nbase64(root)\n}. */
    public byte[] body() {
        return (origin + "\n" + size + "\n" + root.base64() + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
