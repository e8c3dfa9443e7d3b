package io.smartshare.contracts;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A reference to a node's ledger state: the size and root hash of one of its signed
 * checkpoints (docs/ledger-format.md §5). Immutable.
 */
public final class CheckpointRef {
    /** Length of a root hash in bytes (SHA-256). */
    public static final int ROOT_LENGTH = 32;

    private final long size;
    private final byte[] root;

    private CheckpointRef(long size, byte[] root) {
        this.size = size;
        this.root = root;
    }

    /**
     * @throws ContractException if {@code size} is negative or {@code root} is not 32 bytes
     */
    public static CheckpointRef of(long size, byte[] root) {
        if (size < 0) {
            throw new ContractException("checkpoint: size must be >= 0, found " + size);
        }
        if (root.length != ROOT_LENGTH) {
            throw new ContractException("checkpoint: root must be " + ROOT_LENGTH + " bytes, found " + root.length);
        }
        return new CheckpointRef(size, root.clone());
    }

    public long size() {
        return size;
    }

    /** The root hash (a copy). */
    public byte[] root() {
        return root.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckpointRef c && size == c.size && Arrays.equals(root, c.root);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(size) + Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        return "CheckpointRef[size=" + size + ", root=" + HexFormat.of().formatHex(root) + "]";
    }
}
