/**
 * Catching a log that shows different histories: detection, portable evidence and witness
 * cosigning.
 */
package io.smartshare.ledger.equivocation;
