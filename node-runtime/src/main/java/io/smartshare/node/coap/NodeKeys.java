package io.smartshare.node.coap;

import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborException;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.ledger.identity.NodeId;
import java.util.HexFormat;
import java.util.Optional;

/** Reads a peer's public key from its {@code /node} document (CBOR, {@code public-key} in hex, as {@link NodeResource} writes it). */
public final class NodeKeys {
    private NodeKeys() {
    }

    /**
     * The key that {@code document} names, if it is a node document whose key has the id
     * {@code expected}; empty for anything else (malformed, another node's).
     */
    public static Optional<Ed25519PublicKey> of(byte[] document, NodeId expected) {
        try {
            if (Cbor.decode(document) instanceof CborMap doc
                    && doc.get("public-key").orElse(null) instanceof CborValue.Text hex) {
                return Optional.of(Ed25519PublicKey.of(HexFormat.of().parseHex(hex.value())))
                        .filter(key -> NodeId.of(key).equals(expected));
            }
        } catch (CborException | IdentityException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
