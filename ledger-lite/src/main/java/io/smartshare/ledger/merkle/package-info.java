/**
 * RFC 6962 tree hashing, the running root ({@link io.smartshare.ledger.merkle.CompactRange}),
 * inclusion and consistency proofs and their RFC 9162 verifiers.
 */
package io.smartshare.ledger.merkle;
