package io.smartshare.node.mesh.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Heartbeat;
import io.smartshare.node.mesh.wire.KeyOffer;
import io.smartshare.node.mesh.wire.Sealed;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vectors of docs/mesh-protocol.md, "Test vectors" (recomputed independently by
 * scripts/mesh-link-vectors), and what each check refuses.
 */
class LinkAuthTest {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 7748 section 6.1. */
    private static final byte[] ALICE = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] BOB = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static final byte[] ALICE_PUBLIC = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_PUBLIC = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final NodeId ALICE_ID = new NodeId("ssaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static final NodeId BOB_ID = new NodeId("ssbbbbbbbbbbbbbbbbbbbbbbbbbb");
    private static final long SESSION = 0x0102030405060708L;
    private long clock;

    /** A second later than the last call: heartbeat checks are never rate-limited here, but in the test that says so. */
    private long tick() {
        return clock += 1_000;
    }

    /** Hands out the session secret 01..20, then nonces 00..0b, as the vectors do. */
    private static Random vectorRandom() {
        return new Random() {
            private int calls;

            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (calls == 0 ? i + 1 : i);
                }
                calls++;
            }
        };
    }

    private static LinkAuth alice() {
        LinkAuth alice = new LinkAuth(ALICE, SESSION, vectorRandom());
        alice.know(BOB_ID, BOB_PUBLIC);
        return alice;
    }

    private static LinkAuth bob(long session) {
        LinkAuth bob = new LinkAuth(BOB, session, new Random(2));
        bob.know(ALICE_ID, ALICE_PUBLIC);
        return bob;
    }

    @Test
    void keysAndTagsMatchTheSpecVectors() {
        assertArrayEquals(HEX.parseHex("3998e3a5b7ee526360dc794b5f42b06d5658ef2a9aac6c6704e0d9be557fc42a"),
                LinkCrypto.linkKey(ALICE, ALICE_PUBLIC, BOB_PUBLIC).orElseThrow());
        assertArrayEquals(LinkCrypto.linkKey(BOB, BOB_PUBLIC, ALICE_PUBLIC).orElseThrow(),
                LinkCrypto.linkKey(ALICE, ALICE_PUBLIC, BOB_PUBLIC).orElseThrow(), "both ends agree");
        byte[] secret = new byte[32];
        vectorRandom().nextBytes(secret);
        assertEquals("f597cbc4c4feba2898556833953bf194", HEX.formatHex(LinkAuth.beaconKey(secret)));
        assertEquals("85903c42f5c844ca217b39d4f6dfd332", HEX.formatHex(LinkAuth.unicastKey(secret, BOB_PUBLIC)));

        LinkAuth alice = alice();
        assertEquals("2200ed", HEX.formatHex(FrameCodec.encode(alice.heartbeat())));
        assertEquals("225ffa", HEX.formatHex(FrameCodec.encode(alice.heartbeat())));
        assertEquals("29000000012701161574ed",
                HEX.formatHex(FrameCodec.encode(alice.seal(BOB_ID, HEX.parseHex("2701")).orElseThrow())));
        assertEquals("28010102030405060708000102030405060708090a0b"
                + "dd25571d1967884cd184f68d781b983fd9ac1b0b2031f35c87c34667880371f1"
                + "3aace23c477c076acb80fc790efc1400fdf5a57995a6a35e",
                HEX.formatHex(FrameCodec.encode(alice.offer(BOB_ID, true).orElseThrow())));
    }

    @Test
    void anInstalledOfferLetsHeartbeatsAndSealedFramesThroughOnceEach() {
        LinkAuth alice = alice();
        LinkAuth bob = bob(1);
        Heartbeat early = alice.heartbeat();
        assertTrue(bob.verify(ALICE_ID, early, tick()).isEmpty(), "no keys yet");
        assertEquals(OfferVerdict.INSTALLED, bob.accept(ALICE_ID, alice.offer(BOB_ID, false).orElseThrow()));
        assertTrue(bob.hasKeysOf(ALICE_ID));
        assertTrue(bob.verify(ALICE_ID, early, tick()).isEmpty(), "a heartbeat from before the offer is old");
        for (int i = 0; i < LinkAuth.BEACON_WINDOW - 1; i++) {
            alice.heartbeat(); // lost on the way
        }
        assertEquals(OptionalLong.of(1 + LinkAuth.BEACON_WINDOW), bob.verify(ALICE_ID, alice.heartbeat(), tick()));
        Heartbeat beat = alice.heartbeat();
        assertTrue(bob.verify(ALICE_ID, beat, tick()).isPresent());
        assertTrue(bob.verify(ALICE_ID, beat, tick()).isEmpty(), "replayed");

        Sealed first = alice.seal(BOB_ID, HEX.parseHex("2701")).orElseThrow();
        Sealed second = alice.seal(BOB_ID, HEX.parseHex("2700")).orElseThrow();
        assertArrayEquals(HEX.parseHex("2700"), bob.open(ALICE_ID, second).inner().orElseThrow(), "out of order");
        assertArrayEquals(HEX.parseHex("2701"), bob.open(ALICE_ID, first).inner().orElseThrow());
        assertEquals(Opened.Verdict.REPLAYED, bob.open(ALICE_ID, first).verdict());
        Sealed altered = new Sealed(3, HEX.parseHex("2700"), first.tag());
        assertEquals(Opened.Verdict.FORGED, bob.open(ALICE_ID, altered).verdict(), "a tag over other bytes");
        assertEquals(4, bob.counters().beatsRefused() + bob.counters().sealedRefused() - 1);
    }

    @Test
    void heartbeatsMissedBeyondTheWindowVerifyAgainOnceAnOfferCarriesTheCounter() {
        LinkAuth alice = alice();
        LinkAuth bob = bob(1);
        bob.accept(ALICE_ID, alice.offer(BOB_ID, false).orElseThrow());
        for (int i = 0; i < 3 * LinkAuth.BEACON_WINDOW; i++) {
            alice.heartbeat();
        }
        Heartbeat beat = alice.heartbeat();
        assertTrue(bob.verify(ALICE_ID, beat, tick()).isEmpty());
        assertEquals(OfferVerdict.CURRENT, bob.accept(ALICE_ID, alice.offer(BOB_ID, false).orElseThrow()));
        assertTrue(bob.verify(ALICE_ID, alice.heartbeat(), tick()).isPresent());
    }

    @Test
    void anOfferFromAnOlderSessionAForgedOneOrOneForAnotherReceiverIsRefused() {
        LinkAuth before = new LinkAuth(ALICE, 5, new Random(3));
        before.know(BOB_ID, BOB_PUBLIC);
        KeyOffer old = before.offer(BOB_ID, false).orElseThrow();
        LinkAuth after = new LinkAuth(ALICE, 6, new Random(4)); // Alice restarted
        after.know(BOB_ID, BOB_PUBLIC);
        LinkAuth bob = bob(1);
        assertEquals(OfferVerdict.INSTALLED, bob.accept(ALICE_ID, after.offer(BOB_ID, false).orElseThrow()));
        assertEquals(OfferVerdict.STALE, bob.accept(ALICE_ID, old));
        assertTrue(bob.verify(ALICE_ID, before.heartbeat(), tick()).isEmpty(), "the old session's heartbeats");
        assertTrue(bob.verify(ALICE_ID, after.heartbeat(), tick()).isPresent());

        byte[] sealed = after.offer(BOB_ID, false).orElseThrow().sealed();
        sealed[3] ^= 1;
        assertEquals(OfferVerdict.FORGED, bob.accept(ALICE_ID, new KeyOffer(false, 7, new byte[12], sealed)));
        LinkAuth carol = new LinkAuth(HEX.parseHex("0900000000000000000000000000000000000000000000000000000000000000"), 1,
                new Random(5));
        after.know(ALICE_ID, carol.tunnelPublicKey());
        KeyOffer forCarol = after.offer(ALICE_ID, false).orElseThrow();
        assertEquals(OfferVerdict.FORGED, bob.accept(ALICE_ID, forCarol), "sealed for another receiver");
        assertEquals(OfferVerdict.UNKNOWN, bob.accept(new NodeId("sscccccccccccccccccccccccccc"), forCarol));
        assertEquals(4, bob.counters().offersRefused());
    }

    @Test
    void aRestartedReceiverRefusesWhatWasSealedForItsEarlierRun() {
        LinkAuth alice = alice();
        LinkAuth bob = bob(1);
        alice.accept(BOB_ID, bob.offer(ALICE_ID, false).orElseThrow());
        bob.accept(ALICE_ID, alice.offer(BOB_ID, false).orElseThrow());
        Sealed forTheFirstRun = alice.seal(BOB_ID, HEX.parseHex("2701")).orElseThrow();
        assertEquals(Opened.Verdict.OPENED, bob.open(ALICE_ID, forTheFirstRun).verdict());
        LinkAuth restarted = bob(2); // Bob's next run: nothing remembered
        assertEquals(OfferVerdict.INSTALLED, alice.accept(BOB_ID, restarted.offer(ALICE_ID, true).orElseThrow()));
        assertEquals(OfferVerdict.INSTALLED, restarted.accept(ALICE_ID, alice.offer(BOB_ID, false).orElseThrow()));
        assertEquals(Opened.Verdict.REPLAYED, restarted.open(ALICE_ID, forTheFirstRun).verdict(), "replayed into the next run");
        assertEquals(Opened.Verdict.OPENED, restarted.open(ALICE_ID, alice.seal(BOB_ID, HEX.parseHex("2700")).orElseThrow()).verdict());
    }

    @Test
    void aFloodOfForgedHeartbeatsGetsAFewChecksAndTheRestAreRefusedUnchecked() {
        LinkAuth alice = alice();
        LinkAuth bob = bob(1);
        bob.accept(ALICE_ID, alice.offer(BOB_ID, false).orElseThrow());
        Heartbeat real = alice.heartbeat();
        for (int i = 0; i < LinkAuth.BEAT_CHECK_BURST; i++) {
            bob.verify(ALICE_ID, new Heartbeat(real.tag() ^ 1), 5_000);
        }
        assertTrue(bob.verify(ALICE_ID, real, 5_000).isEmpty(), "the checks are used up");
        assertTrue(bob.verify(ALICE_ID, real, 5_300).isPresent(), "one check more 300 ms later");
        assertEquals(LinkAuth.BEAT_CHECK_BURST + 1, bob.counters().beatsRefused());
    }

    @Test
    void aLowOrderTunnelKeyGetsNoOfferAndNoLinkKey() {
        LinkAuth alice = new LinkAuth(ALICE, 1, new Random(6));
        alice.know(BOB_ID, new byte[32]);
        assertTrue(alice.offer(BOB_ID, false).isEmpty());
        assertTrue(LinkCrypto.linkKey(ALICE, ALICE_PUBLIC, new byte[32]).isEmpty());
    }

    @Test
    void theSealingCounterRunningOutStartsANewSessionWhoseKeysTheNeighbourInstalls() {
        LinkAuth alice = alice();
        LinkAuth bob = bob(1);
        bob.accept(ALICE_ID, alice.offer(BOB_ID, false).orElseThrow());
        alice.skipSealCounterTo(0xFFFF_FFFFL);
        Sealed next = alice.seal(BOB_ID, HEX.parseHex("2701")).orElseThrow();
        assertEquals(SESSION + 1, alice.session());
        assertEquals(1, next.counter());
        assertEquals(Opened.Verdict.FORGED, bob.open(ALICE_ID, next).verdict(), "sealed with the new session's key");
        assertEquals(OfferVerdict.INSTALLED, bob.accept(ALICE_ID, alice.offer(BOB_ID, false).orElseThrow()));
        assertEquals(Opened.Verdict.OPENED, bob.open(ALICE_ID, alice.seal(BOB_ID, HEX.parseHex("2700")).orElseThrow()).verdict());
        assertEquals(2, alice.counters().sessions());
    }

    @Test
    void rateLimitsAsksAndRepliesPerNeighbour() {
        LinkAuth bob = bob(1);
        assertTrue(bob.mayAsk(ALICE_ID, 10_000));
        assertFalse(bob.mayAsk(ALICE_ID, 10_000 + LinkAuth.ASK_INTERVAL_MILLIS - 1));
        assertTrue(bob.mayAsk(ALICE_ID, 10_000 + LinkAuth.ASK_INTERVAL_MILLIS));
        assertTrue(bob.mayReply(ALICE_ID, 10_000));
        assertFalse(bob.mayReply(ALICE_ID, 10_001));
        assertFalse(bob.mayAsk(BOB_ID, 10_000), "not a known neighbour");
        bob.retain(id -> false);
        assertFalse(bob.hasKeysOf(ALICE_ID));
        assertFalse(bob.mayAsk(ALICE_ID, 50_000), "forgotten");
    }
}
