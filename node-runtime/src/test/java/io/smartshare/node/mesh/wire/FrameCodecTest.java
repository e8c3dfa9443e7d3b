package io.smartshare.node.mesh.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.hello.HelloSigner;
import io.smartshare.node.mesh.hello.HelloVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test vectors of docs/mesh-protocol.md, section "Test vectors". */
class FrameCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 8032 section 7.1 TEST 1. */
    private static final NodeIdentity RFC8032_TEST1 = NodeIdentity.fromSeed(
            HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    /** RFC 7748 section 6.1: Alice's public key. */
    private static final byte[] ALICE = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final String GATEWAY_HELLO = "210100800000000700002710000009c40102030405060708"
            + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
            + "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
            + "d71f1dc15ef01dc90e2763106c062efa1e1f0a66c3affaae8df9f549a3ea2d2d"
            + "38c5af573de9f96d07d5492138a301142a739131b1ed7ab3b714a10d4639e30e";
    private static final String POISON_HELLO = "2100ffff000000070000000000000000000000000000002a"
            + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
            + "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
            + "627c8a63105c402c8b40eece6972b3c3abc0218265c565281a3aac8fd00b0c39"
            + "c4afa3ff781bb5b625a89d773c19b2a2a9e7d3718f3f4ecf5872f24991e35108";
    /** The key offer of the link-authentication vectors (scripts/mesh-link-vectors). */
    static final String KEY_OFFER = "28010102030405060708000102030405060708090a0b"
            + "dd25571d1967884cd184f68d781b983fd9ac1b0b2031f35c87c34667880371f1"
            + "3aace23c477c076acb80fc790efc1400fdf5a57995a6a35e";
    private final KeyCache keys = new KeyCache(8);

    @Test
    void gatewayHelloMatchesTheSpecVectorAndVerifies() throws Exception {
        Hello hello = new HelloSigner(RFC8032_TEST1, ALICE, 0x0102030405060708L).sign(true, 128, 7, 10_000, 2_500);
        assertEquals(GATEWAY_HELLO, HEX.formatHex(FrameCodec.encode(hello)));
        Hello decoded = (Hello) FrameCodec.decode(HEX.parseHex(GATEWAY_HELLO), keys);
        assertEquals(hello, decoded);
        assertEquals(new NodeId("ssqh3chv2c33fxmfexkut2tumww4"), decoded.sender());
        assertTrue(HelloVerifier.direct().verify(decoded));
    }

    @Test
    void poisonHelloMatchesTheSpecVector() {
        Hello hello = new HelloSigner(RFC8032_TEST1, ALICE, 42).sign(false, 0xFFFF, 7, 0, 0);
        assertEquals(POISON_HELLO, HEX.formatHex(FrameCodec.encode(hello)));
    }

    @Test
    void otherFramesMatchTheSpecVectorsAndRoundTrip() throws Exception {
        NodeId self = RFC8032_TEST1.nodeId();
        assertVector("2200ed", new Heartbeat(0x00ed));
        assertVector("24000000070280", new RepairRequest(7, 640));
        assertVector("26", new RefreshRequest());
        assertVector("2701", new Probe(true));
        assertVector("2700", new Probe(false));
        assertVector("29000000012701161574ed", new Sealed(1, HEX.parseHex("2701"), 0x161574edL));
        assertVector(KEY_OFFER, new KeyOffer(true, 0x0102030405060708L, HEX.parseHex(KEY_OFFER.substring(20, 44)),
                HEX.parseHex(KEY_OFFER.substring(44))));
        assertVector("2301" + ascii("qh3chv2c33fxmfexkut2tumww4") + "00000003038400",
                new Registration(List.of(new Registration.Target(self, 3, 900))));
        assertVector("2301" + ascii("qh3chv2c33fxmfexkut2tumww4") + "00000003038402" + "0418c0a82c00"
                        + "0630fd123456000000000000000000000000",
                new Registration(List.of(new Registration.Target(self, 3, 900,
                        List.of(IpPrefix.parse("192.168.44.0/24"), IpPrefix.parse("fd12:3456::/48"))))));
        assertVector("2510" + ascii("qh3chv2c33fxmfexkut2tumww4") + ascii("aaaaaaaaaaaaaaaaaaaaaaaaaa") + "6869",
                new DataPacket(16, self, new NodeId("ssaaaaaaaaaaaaaaaaaaaaaaaaaa"), "hi".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void rejectsUnknownVersionOrTypeNamingTheHeader() {
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> FrameCodec.decode(HEX.parseHex("12c8"), keys));
        assertTrue(e.getMessage().contains("0x12"), e.getMessage());
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("2f00"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(new byte[0], keys));
    }

    @Test
    void rejectsTruncatedAndOverlongFrames() {
        byte[] hello = HEX.parseHex(GATEWAY_HELLO);
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(Arrays.copyOf(hello, 151), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(Arrays.copyOf(hello, 153), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("22"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("2702"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("27"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("2200ed00"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("2302" + ascii("aaaaaaaaaaaaaaaaaaaaaaaaaa") + "00000003038400"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("2510aaaa"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("290000000127"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex(KEY_OFFER.substring(2)), keys));
        MalformedFrameException zero = assertThrows(MalformedFrameException.class,
                () -> FrameCodec.decode(HEX.parseHex("29000000002701161574ed"), keys));
        assertTrue(zero.getMessage().contains("counter"), zero.getMessage());
    }

    @Test
    void rejectsMalformedAnnouncedPrefixesNamingThem() {
        String target = "2301" + ascii("aaaaaaaaaaaaaaaaaaaaaaaaaa") + "000000030384";
        Map<String, String> bad = Map.of(
                "01" + "0518c0a82c00", "family expected 4 or 6",
                "01" + "0421c0a82c00", "prefix length",
                "01" + "0418c0a82c01", "host bits",
                "05" + "0418c0a82c00".repeat(5), "at most 4 prefixes",
                "02" + "0418c0a82c00", "truncated");
        bad.forEach((prefixes, problem) -> {
            MalformedFrameException e = assertThrows(MalformedFrameException.class,
                    () -> FrameCodec.decode(HEX.parseHex(target + prefixes), keys));
            assertTrue(e.getMessage().contains(problem), prefixes + ": " + e.getMessage());
        });
        byte[] huge = new byte[Registration.MAX_SIZE + 1];
        huge[0] = 0x23;
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(huge, keys));
        assertTrue(e.getMessage().contains("at most " + Registration.MAX_SIZE + " bytes"), e.getMessage());
    }

    @Test
    void rejectsUnknownHelloFlagsAndInvalidNodeIds() {
        byte[] hello = HEX.parseHex(GATEWAY_HELLO);
        hello[1] = 0x03;
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(hello, keys));
        assertTrue(e.getMessage().contains("flags"), e.getMessage());
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("2301" + ascii("AAAAAAAAAAAAAAAAAAAAAAAAAA") + "00000003038400"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("2100"), keys));
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(HEX.parseHex("2500" + ascii("aaaaaaaaaaaaaaaaaaaaaaaaaa") + ascii("aaaaaaaaaaaaaaaaaaaaaaaaaa")), keys));
        byte[] offer = HEX.parseHex(KEY_OFFER);
        offer[1] = 0x02;
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(offer, keys));
    }

    @Test
    void dataIsToldApartWhetherBareOrSealed() {
        assertTrue(FrameCodec.carriesData(HEX.parseHex("2510")));
        assertTrue(FrameCodec.carriesData(HEX.parseHex("29000000012510aabbccdd")));
        assertFalse(FrameCodec.carriesData(HEX.parseHex("29000000012701161574ed")));
        assertFalse(FrameCodec.carriesData(HEX.parseHex("2200ed")));
        assertFalse(FrameCodec.carriesData(new byte[0]));
    }

    @Test
    void framesThatNeverTravelSealedAreRefusedInsideASealedFrame() throws Exception {
        assertEquals(new Probe(true), FrameCodec.decodeSealedInner(HEX.parseHex("2701"), keys));
        for (String inner : List.of("2200ed", GATEWAY_HELLO, KEY_OFFER, "29000000012701161574ed")) {
            assertThrows(MalformedFrameException.class, () -> FrameCodec.decodeSealedInner(HEX.parseHex(inner), keys));
        }
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
