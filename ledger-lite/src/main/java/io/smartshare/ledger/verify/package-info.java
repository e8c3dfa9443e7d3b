/**
 * Verification of foreign logs: {@link io.smartshare.ledger.verify.LogVerifier} answers with a
 * {@link io.smartshare.ledger.verify.VerificationResult}, never an exception for a bad log.
 */
package io.smartshare.ledger.verify;
