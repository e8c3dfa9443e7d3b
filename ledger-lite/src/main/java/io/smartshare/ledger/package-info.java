/**
 * ledger-lite: a node's crash-safe, signed, verifiable append-only log
 * (docs/ledger-format.md). Start at {@link io.smartshare.ledger.Ledger}; verify other
 * nodes' logs with {@link io.smartshare.ledger.verify.LogVerifier}.
 */
package io.smartshare.ledger;
