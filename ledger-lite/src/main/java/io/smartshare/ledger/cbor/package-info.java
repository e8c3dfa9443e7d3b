/**
 * Deterministic CBOR (RFC 8949 §4.2.1): a value model ({@link io.smartshare.ledger.cbor.CborValue},
 * {@link io.smartshare.ledger.cbor.CborMap}), {@link io.smartshare.ledger.cbor.Cbor} for whole
 * values and {@link io.smartshare.ledger.cbor.CborWriter} / {@link io.smartshare.ledger.cbor.CborReader}
 * for field-by-field work. Decoding rejects every non-canonical input.
 */
package io.smartshare.ledger.cbor;
