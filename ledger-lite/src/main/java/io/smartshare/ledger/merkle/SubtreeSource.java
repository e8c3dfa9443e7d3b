package io.smartshare.ledger.merkle;

/**
 * Where proofs find hashes: the hash of each complete, aligned subtree of a log's tree.
 */
@FunctionalInterface
public interface SubtreeSource {
    /**
     * The hash of the complete subtree at {@code level} with index {@code index}, that is of
     * leaves {@code index * 2^level} to {@code (index + 1) * 2^level - 1}; level 0 is a leaf.
     */
    Hash subtree(int level, long index);
}
