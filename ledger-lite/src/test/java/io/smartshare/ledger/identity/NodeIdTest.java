package io.smartshare.ledger.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NodeIdTest {
    /** RFC 8032 section 7.1, TEST 1: the key of the vector in docs/identity.md. */
    private static final byte[] RFC8032_TEST1_SEED =
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    @Test
    void derivesTheDocumentedIdFromThePublicKey() {
        NodeIdentity identity = NodeIdentity.fromSeed(RFC8032_TEST1_SEED);
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                HexFormat.of().formatHex(identity.publicKey().encoded()));
        assertEquals("ssqh3chv2c33fxmfexkut2tumww4", identity.nodeId().value());
    }

    @Test
    void rejectsMalformedIdText() {
        assertThrows(IdentityException.class, () -> new NodeId("ssABC"));
    }
}
