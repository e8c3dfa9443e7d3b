package io.smartshare.ledger.record;

import io.smartshare.ledger.cbor.CborWriter;
import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.cbor.CborReader;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.merkle.Hash;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The log's own record of a checkpoint it published: the tree of the first {@code size}
 * records has hash {@code root}, and {@code signature} is the log key's signature of that
 * checkpoint's note body. Appended with {@code seq == size}. Structural checks only; the
 * signature and root are checked by whoever knows the log's key and tree.
 */
public final class CheckpointMarker implements RecordBody {
    /** The type code of this body. */
    public static final int TYPE = 3;

    private final long size;
    private final Hash root;
    private final byte[] signature;

    public CheckpointMarker(long size, Hash root, byte[] signature) {
        if (size < 0) {
            throw new RecordException("checkpoint marker: field size: expected >= 0, found " + size);
        }
        if (signature.length != Ed25519PublicKey.SIGNATURE_LENGTH) {
            throw new RecordException("checkpoint marker: field signature: expected 64 bytes, found "
                    + signature.length);
        }
        this.size = size;
        this.root = Objects.requireNonNull(root, "root");
        this.signature = signature.clone();
    }

    public long size() {
        return size;
    }

    public Hash root() {
        return root;
    }

    /** The log key's Ed25519 signature of the checkpoint note body (a copy). */
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * Why this marker, found at {@code seq} in the log of key {@code key} named {@code
     * origin} whose first {@code seq} records hash to {@code treeRoot}, is invalid; empty if
     * it is valid (size equals seq, same root, valid signature).
     */
    public Optional<String> problem(long seq, Hash treeRoot, String origin, Ed25519PublicKey key) {
        if (size != seq) {
            return Optional.of("checkpoint marker: size " + size + " differs from its seq " + seq);
        }
        if (!root.equals(treeRoot)) {
            return Optional.of("checkpoint marker: root " + root + " differs from the tree's " + treeRoot);
        }
        if (!key.verify(new Checkpoint(origin, size, root).body(), signature)) {
            return Optional.of("checkpoint marker: signature is not valid for key " + key);
        }
        return Optional.empty();
    }

    @Override
    public int typeCode() {
        return TYPE;
    }

    @Override
    public void write(CborWriter w) {
        w.writeMapHeader(3).writeUint(0).writeUint(size).writeUint(1).writeBytes(root.bytes()).writeUint(2)
                .writeBytes(signature);
    }

    static CheckpointMarker read(CborReader reader) {
        Fields f = Fields.of(reader, "checkpoint marker", 3);
        return new CheckpointMarker(f.uint("size"), Hash.of(f.bytes("root", Hash.LENGTH)),
                f.bytes("signature", Ed25519PublicKey.SIGNATURE_LENGTH));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckpointMarker m && size == m.size && root.equals(m.root)
                && Arrays.equals(signature, m.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, root, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "CheckpointMarker[size=" + size + ", root=" + root + "]";
    }
}
