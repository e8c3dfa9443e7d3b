/**
 * Segment files, group commit and recovery behind {@link io.smartshare.ledger.Ledger}. Public
 * for callers: {@link io.smartshare.ledger.storage.LogOptions}, the exceptions,
 * {@link io.smartshare.ledger.storage.FileIo} (replaceable in tests) and the read-only helpers
 * used by the verifier; open logs with {@link LedgerFiles#open}.
 */
package io.smartshare.ledger.storage;
