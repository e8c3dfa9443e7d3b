package io.smartshare.contracts.receipt;

import static io.smartshare.contracts.Fixtures.hex;
import static io.smartshare.contracts.Fixtures.identity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.Fixtures;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.ledger.identity.NodeIdentity;
import org.junit.jupiter.api.Test;

/** The receipt test vectors of docs/contracts.md §10, computed independently in Python. */
class ReceiptVectorsTest {
    static final String PROVIDER_KEY = "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c";
    static final String CONSUMER_KEY = "8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394";
    static final String PAYLOAD = "aa0001 0158208a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c"
            + "0258208139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394 0302"
            + "041a0ee6b280 051b000001a0c4506c00 061b000001a0c4515660"
            + "0750000102030405060708090a0b0c0d0e0f 08182a"
            + "095820abababababababababababababababababababababababababababababababab";
    static final String TO_BE_SIGNED_PREFIX = "846a5369676e617475726531 43a10127 "
            + "55736d61727473686172652f726563656970742f7631 589d";
    static final String SIGNATURE = "f488f912a3220deda0223b1efa222991b56f3f28c636808a5075a7358c59be43"
            + "64cedfdf67bf1df05ce4286ee9884026de9a12ead44f02703bec6ad93288b30f";
    static final String COSE_PREFIX = "84 43a10127 a104581c737366633673376e66777036356f376977646e70706e733267636861 589d";

    static final NodeIdentity PROVIDER = identity(0x01);
    static final NodeIdentity CONSUMER = identity(0x02);

    static ReceiptClaim vectorClaim() {
        byte[] nonce = new byte[16];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) i;
        }
        return new ReceiptClaim(PROVIDER.publicKey(), CONSUMER.publicKey(), Resource.RELAY_DOWN, 250_000_000L,
                1_790_000_000_000L, 1_790_000_060_000L, nonce, CheckpointRef.of(42, Fixtures.filled(0xab, 32)));
    }

    @Test
    void keysMatchTheDocumentedSeeds() {
        assertEquals(PROVIDER_KEY, hex(PROVIDER.publicKey().encoded()));
        assertEquals(CONSUMER_KEY, hex(CONSUMER.publicKey().encoded()));
        assertEquals("ssfc6s7nfwp65o7iwdnppns2gcha", CONSUMER.nodeId().value());
    }

    @Test
    void payloadEncodesAsDocumented() {
        assertEquals(hex(hex(PAYLOAD)), hex(vectorClaim().encode()));
    }

    @Test
    void signedReceiptEncodesAsDocumented() {
        SignedReceipt receipt = SignedReceipt.sign(vectorClaim(), CONSUMER);
        assertEquals(hex(hex(COSE_PREFIX + PAYLOAD + "5840" + SIGNATURE)), hex(receipt.encode()));
    }

    @Test
    void ledgerEntryHoldsTheDocumentedToBeSignedAndSignature() {
        Receipt entry = SignedReceipt.sign(vectorClaim(), CONSUMER).ledgerEntry();
        assertEquals(hex(hex(TO_BE_SIGNED_PREFIX + PAYLOAD)), hex(entry.statement()));
        assertEquals(SIGNATURE, hex(entry.signature()));
        assertEquals(CONSUMER.publicKey(), entry.counterparty());
        assertTrue(CONSUMER.publicKey().verify(entry.statement(), entry.signature()));
    }

    @Test
    void documentedBytesDecodeToTheClaimAndVerify() {
        SignedReceipt decoded = SignedReceipt.decode(hex(COSE_PREFIX + PAYLOAD + "5840" + SIGNATURE));
        assertEquals(vectorClaim(), decoded.claim());
        assertTrue(decoded.isAuthentic());
    }

    @Test
    void receiptIsRebuiltFromItsLedgerEntry() {
        SignedReceipt receipt = SignedReceipt.sign(vectorClaim(), CONSUMER);
        Receipt entry = receipt.ledgerEntry();
        SignedReceipt rebuilt = SignedReceipt.fromLedger(entry.counterparty(), entry.statement(), entry.signature());
        assertEquals(receipt, rebuilt);
        assertArrayEquals(receipt.encode(), rebuilt.encode());
    }
}
