package io.smartshare.node.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.testing.SeededIdentities;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only the owner's signature on this very request checks. */
class OwnerSignatureTest {
    private static final NodeIdentity OWNER = SeededIdentities.identity(0x51);
    private static final NodeIdentity OTHER = SeededIdentities.identity(0x52);
    private static final String ID = "000102030405060708090a0b0c0d0e0f";
    private static final byte[] BODY = {1, 2, 3};

    private static Optional<String> signed(OwnerSignature kind, NodeIdentity by) {
        return Optional.of(kind.sign(by, ID, 4, 0, BODY));
    }

    @Test
    void theOwnersSignatureOnTheRequestChecks() {
        assertTrue(OwnerSignature.UPLOAD.verify(OWNER.publicKey(), ID, 4, 0, BODY, signed(OwnerSignature.UPLOAD, OWNER)));
    }

    @Test
    void anotherSignerOperationPositionBodyOrNoSignatureDoesNot() {
        Optional<String> upload = signed(OwnerSignature.UPLOAD, OWNER);
        assertFalse(OwnerSignature.UPLOAD.verify(OWNER.publicKey(), ID, 4, 0, BODY, signed(OwnerSignature.UPLOAD, OTHER)));
        assertFalse(OwnerSignature.DELETE.verify(OWNER.publicKey(), ID, 4, 0, BODY, upload), "an upload is no delete");
        assertFalse(OwnerSignature.UPLOAD.verify(OWNER.publicKey(), ID, 6, 0, BODY, upload), "another position");
        assertFalse(OwnerSignature.UPLOAD.verify(OWNER.publicKey(), ID, 4, 0, new byte[] {1, 2, 4}, upload));
        assertFalse(OwnerSignature.UPLOAD.verify(OWNER.publicKey(), ID, 4, 0, BODY, Optional.empty()));
        assertFalse(OwnerSignature.UPLOAD.verify(OWNER.publicKey(), ID, 4, 0, BODY, Optional.of("not base64 !")));
    }
}
