/**
 * Log records (docs/ledger-format.md §2): {@link io.smartshare.ledger.record.Record} and the
 * closed set of bodies {@link io.smartshare.ledger.record.RecordBody}.
 */
package io.smartshare.ledger.record;
