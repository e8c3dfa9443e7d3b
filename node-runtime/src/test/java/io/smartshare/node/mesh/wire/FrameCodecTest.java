package io.smartshare.node.mesh.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.hello.HelloSigner;
import io.smartshare.node.mesh.hello.HelloVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test vectors of docs/mesh-protocol.md, section "Test vectors". */
class FrameCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 8032 section 7.1 TEST 1. */
    private static final NodeIdentity RFC8032_TEST1 = NodeIdentity.fromSeed(
            HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    private static final String GATEWAY_HELLO = "1101008000000007000027100102030405060708"
            + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
            + "4e1a36a478a035ddfdca3d7aca9ec4f48f5a3ee85de038f6e68e8feec5bbbb45"
            + "392b167f3d1259f17c6893fbbcbfee1f69b4a91d6f87bdaeae9ab5fd72b1ba09";
    private static final String POISON_HELLO = "1100ffff0000000700000000000000000000002a"
            + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
            + "f57150948733c81f5dc6b4d852afe444273820eb25c787f6e42fa42f0c634c8e"
            + "6d10520c9e5f2c1fe7bba525229d1434df67f2c2a86117a4c2e8fe84db669006";
    private final KeyCache keys = new KeyCache(8);

    @Test
    void gatewayHelloMatchesTheSpecVectorAndVerifies() throws Exception {
        Hello hello = new HelloSigner(RFC8032_TEST1, 0x0102030405060708L).sign(true, 128, 7, 10_000);
        assertEquals(GATEWAY_HELLO, HEX.formatHex(FrameCodec.encode(hello)));
        Hello decoded = (Hello) FrameCodec.decode(HEX.parseHex(GATEWAY_HELLO), keys);
        assertEquals(hello, decoded);
        assertEquals(new NodeId("ssqh3chv2c33fxmfexkut2tumww4"), decoded.sender());
        assertTrue(HelloVerifier.direct().verify(decoded));
    }

    @Test
    void poisonHelloMatchesTheSpecVector() {
        Hello hello = new HelloSigner(RFC8032_TEST1, 42).sign(false, 0xFFFF, 7, 0);
        assertEquals(POISON_HELLO, HEX.formatHex(FrameCodec.encode(hello)));
    }

    @Test
    void otherFramesMatchTheSpecVectorsAndRoundTrip() throws Exception {
        NodeId self = RFC8032_TEST1.nodeId();
        assertVector("12c8", new Heartbeat(200));
        assertVector("14000000070280", new RepairRequest(7, 640));
        assertVector("16", new RefreshRequest());
        assertVector("1701", new Probe(true));
        assertVector("1700", new Probe(false));
        assertVector("1301" + ascii("qh3chv2c33fxmfexkut2tumww4") + "000000030384",
                new Registration(List.of(new Registration.Target(self, 3, 900))));
        assertVector("1510" + ascii("qh3chv2c33fxmfexkut2tumww4") + ascii("aaaaaaaaaaaaaaaaaaaaaaaaaa") + "6869",
                new DataPacket(16, self, new NodeId("ssaaaaaaaaaaaaaaaaaaaaaaaaaa"), "hi".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void rejectsUnknownVersionOrTypeNamingTheHeader() {
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> FrameCodec.decode(HEX.parseHex("22c8d75a"), keys));
        assertTrue(e.getMessage().contains("0x22"), e.getMessage());
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("1f00"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(new byte[0], keys));
    }

    @Test
    void rejectsTruncatedAndOverlongFrames() {
        byte[] hello = HEX.parseHex(GATEWAY_HELLO);
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(Arrays.copyOf(hello, 115), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(Arrays.copyOf(hello, 117), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("12"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("1702"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("17"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("12c8d7"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("1302" + ascii("aaaaaaaaaaaaaaaaaaaaaaaaaa") + "000000030384"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("1510aaaa"), keys));
    }

    @Test
    void rejectsUnknownHelloFlagsAndInvalidNodeIds() {
        byte[] hello = HEX.parseHex(GATEWAY_HELLO);
        hello[1] = 0x03;
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(hello, keys));
        assertTrue(e.getMessage().contains("flags"), e.getMessage());
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("1301" + ascii("AAAAAAAAAAAAAAAAAAAAAAAAAA") + "000000030384"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("1100"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("1500" + ascii("aaaaaaaaaaaaaaaaaaaaaaaaaa") + ascii("aaaaaaaaaaaaaaaaaaaaaaaaaa")), keys));
    }

    private void assertVector(String hex, Frame frame) throws MalformedFrameException {
        assertEquals(hex, HEX.formatHex(FrameCodec.encode(frame)));
        Frame decoded = FrameCodec.decode(HEX.parseHex(hex), keys);
        assertEquals(frame, decoded);
        assertArrayEquals(HEX.parseHex(hex), FrameCodec.encode(decoded));
    }

    private static String ascii(String s) {
        return HEX.formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }
}
