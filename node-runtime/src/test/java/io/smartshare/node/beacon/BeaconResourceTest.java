package io.smartshare.node.beacon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.beacon.ResultLeaf;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.node.coap.SmallDeviceCoapConfig;
import io.smartshare.node.status.NodeDocuments;
import io.smartshare.node.testing.InProcessCoap;
import io.smartshare.node.testing.SeededIdentities;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closures and results larger than one CoAP body travel in pieces and arrive whole. */
class BeaconResourceTest {
    private static final NodeIdentity BEACON = SeededIdentities.identity(0x65);

    @TempDir
    Path dir;

    @Test
    void aResultOfThirtyKilobytesIsReadWholeInPieces() throws Exception {
        byte[] result = new byte[30_000];
        new Random(7).nextBytes(result);
        BeaconLog log = BeaconLog.open(dir.resolve("log"), "smartshare/beacon/s/b", BEACON);
        byte[] leaf = new ResultLeaf(9, new byte[32], new byte[32], 1).encode();
        log.append(List.of(leaf));
        SignedCheckpoint note = log.sign();
        Closures closures = Closures.open(dir.resolve("closed"));
        Closure closure = new Closure(9, note, result, leaf, new InclusionProof(0, 1, List.of()));
        closures.keep(closure);
        int port = InProcessCoap.freePort();
        CoapServer server = new CoapServer(SmallDeviceCoapConfig.create());
        server.addEndpoint(CoapEndpoint.builder().setConfiguration(SmallDeviceCoapConfig.create())
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", port)).build());
        server.add(new BeaconResource(Map::of, new BeaconResource.Parts(BEACON.publicKey(), "s", () -> 9, null, null,
                closures, log, null)));
        server.start();
        try (NodeDocuments node = new NodeDocuments(URI.create("coap://127.0.0.1:" + port))) {
            assertArrayEquals(result, node.pieces("beacon/results?epoch=9", MediaTypeRegistry.APPLICATION_CBOR, 1 << 20));
            assertArrayEquals(closure.encode(), node.pieces("beacon/epochs?epoch=9", MediaTypeRegistry.APPLICATION_CBOR,
                    1 << 20));
            assertEquals(8192, node.bytes("beacon/results?epoch=9&from=8192", MediaTypeRegistry.APPLICATION_CBOR).length);
            assertTrue(assertThrows(NodeDocuments.NodeDocumentException.class, () -> node.pieces(
                    "beacon/results?epoch=9", MediaTypeRegistry.APPLICATION_CBOR, 20_000)).getMessage()
                    .contains("longer than 20000"));
            assertTrue(assertThrows(NodeDocuments.NodeDocumentException.class, () -> node.bytes(
                    "beacon/results?epoch=8", MediaTypeRegistry.APPLICATION_CBOR)).getMessage().contains("4.04"));
        } finally {
            server.destroy();
            log.close();
        }
    }
}
