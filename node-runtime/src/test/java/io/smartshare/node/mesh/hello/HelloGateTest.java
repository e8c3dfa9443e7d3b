package io.smartshare.node.mesh.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.wire.Hello;
import io.smartshare.node.testing.SeededIdentities;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HelloGateTest {
    private static final LinkAddress FROM = new LinkAddress("sim:1");
    private final NodeIdentity identity = NodeIdentity.fromSeed(HexFormat.of()
            .parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    private final HelloSigner signer = SeededIdentities.signer(identity, 100);
    private final HelloGate gate = new HelloGate(HelloVerifier.direct(), 8, 2.0, 64, key -> false, 0);

    @Test
    void acceptsSignedHelloWithNewSequence() {
        assertEquals(HelloVerdict.ACCEPTED, gate.admit(FROM, signer.sign(false, 300, 1, 0, 0), 0));
        assertEquals(1, gate.counters().accepted());
    }

    @Test
    void dropsAndCountsHelloWhoseContentsWereAlteredAfterSigning() {
        Hello honest = signer.sign(false, 900, 1, 0, 0);
        Hello forged = new Hello(true, 128, honest.epoch(), 10_000, 0, honest.sequence(), honest.publicKey(), honest.tunnelKey(), honest.signature());
        assertEquals(HelloVerdict.BAD_SIGNATURE, gate.admit(FROM, forged, 0));
        assertEquals(1, gate.counters().badSignature());
        assertEquals(0, gate.counters().accepted());
    }

    @Test
    void dropsAndCountsReplayedAndOlderSequences() {
        Hello first = signer.sign(false, 300, 1, 0, 0);
        Hello second = signer.sign(false, 400, 1, 0, 0);
        assertEquals(HelloVerdict.ACCEPTED, gate.admit(FROM, second, 0));
        assertEquals(HelloVerdict.REPLAYED, gate.admit(FROM, second, 10));
        assertEquals(HelloVerdict.REPLAYED, gate.admit(FROM, first, 20));
        assertEquals(2, gate.counters().replayed());
    }

    @Test
    void sameHelloOverAnotherMediumIsASightingOnceThenAReplay() {
        LinkAddress ble = new LinkAddress("ble:AA:BB:CC:DD:EE:01");
        Hello hello = signer.sign(false, 300, 1, 0, 0);
        assertEquals(HelloVerdict.ACCEPTED, gate.admit(FROM, hello, 0));
        assertEquals(HelloVerdict.SIGHTED, gate.admit(ble, hello, 100));
        assertEquals(HelloVerdict.REPLAYED, gate.admit(ble, hello, 200));
        assertEquals(HelloVerdict.REPLAYED, gate.admit(new LinkAddress("ble:AA:BB:CC:DD:EE:02"), hello, 300));
        assertEquals(HelloVerdict.REPLAYED, gate.admit(new LinkAddress("sim:2"), hello, 400));
        assertEquals(new HelloCounters(1, 1, 0, 3, 0, 0), gate.counters());
    }

    @Test
    void alteredCopyOfTheAcceptedSequenceOverAnotherMediumIsAReplayNotASighting() {
        Hello hello = signer.sign(false, 300, 1, 0, 0);
        Hello altered = new Hello(true, 128, hello.epoch(), 10_000, 0, hello.sequence(), hello.publicKey(), hello.tunnelKey(), hello.signature());
        assertEquals(HelloVerdict.ACCEPTED, gate.admit(FROM, hello, 0));
        assertEquals(HelloVerdict.REPLAYED, gate.admit(new LinkAddress("ble:AA:BB:CC:DD:EE:01"), altered, 100));
        assertEquals(0, gate.counters().sighted());
    }

    @Test
    void olderHelloOverAnotherMediumIsAReplay() {
        Hello older = signer.sign(false, 300, 1, 0, 0);
        assertEquals(HelloVerdict.ACCEPTED, gate.admit(FROM, signer.sign(false, 300, 1, 0, 0), 0));
        assertEquals(HelloVerdict.REPLAYED, gate.admit(new LinkAddress("ble:AA:BB:CC:DD:EE:01"), older, 100));
    }

    @Test
    void forgedHelloDoesNotConsumeTheRealSendersSequence() {
        Hello real = signer.sign(false, 300, 1, 0, 0);
        Hello forgedAhead = new Hello(false, 128, 1, 0, 0, real.sequence() + 1000, real.publicKey(), real.tunnelKey(), real.signature());
        assertEquals(HelloVerdict.BAD_SIGNATURE, gate.admit(new LinkAddress("sim:66"), forgedAhead, 0));
        assertEquals(HelloVerdict.ACCEPTED, gate.admit(FROM, real, 0));
    }

    @Test
    void dropsAndCountsHellosBeyondTheBurstFromOneAddressUntilTokensRefill() {
        for (int i = 0; i < 8; i++) {
            assertEquals(HelloVerdict.ACCEPTED, gate.admit(FROM, signer.sign(false, 300, 1, 0, 0), 0));
        }
        for (int i = 0; i < 40; i++) {
            assertEquals(HelloVerdict.RATE_LIMITED, gate.admit(FROM, signer.sign(false, 300, 1, 0, 0), 100));
        }
        assertEquals(40, gate.counters().rateLimited());
        assertEquals(HelloVerdict.ACCEPTED, gate.admit(FROM, signer.sign(false, 300, 1, 0, 0), 600));
    }

    @Test
    void freshKeysFromFreshAddressesCostAtMostTheNewKeyBudgetOfSignatureChecks() {
        AtomicInteger checks = new AtomicInteger();
        HelloGate counted = new HelloGate(hello -> {
            checks.incrementAndGet();
            return HelloVerifier.direct().verify(hello);
        }, 8, 2.0, 64, key -> false, 0);
        Random random = new Random(7);
        for (int port = 1; port <= 1_000; port++) {
            counted.admit(new LinkAddress("10.201.0.9:" + port), freshKey(random).sign(false, 300, 1, 0, 0), 0);
        }
        assertEquals(HelloGate.NEW_BURST, checks.get(), "one burst of checks, then nothing until the budget refills");
        assertEquals(1_000 - HelloGate.NEW_BURST, counted.counters().rateLimited());
        counted.admit(new LinkAddress("10.201.0.9:2000"), freshKey(random).sign(false, 300, 1, 0, 0), 1_000);
        assertEquals(HelloGate.NEW_BURST + 1, checks.get(), "refilled at the admission rate");
    }

    @Test
    void aKnownNeighbourIsCheckedFromItsOwnBudgetWhileNewKeysFlood() {
        Random random = new Random(8);
        assertEquals(HelloVerdict.ACCEPTED, gate.admit(FROM, signer.sign(false, 300, 1, 0, 0), 0));
        for (int port = 1; port <= 100; port++) {
            gate.admit(new LinkAddress("10.201.0.9:" + port), freshKey(random).sign(false, 300, 1, 0, 0), 0);
        }
        assertEquals(HelloVerdict.ACCEPTED, gate.admit(FROM, signer.sign(false, 300, 1, 0, 0), 0));
    }

    @Test
    void aFloodOfFreshKeysCannotFlushANeighboursReplayProtection() {
        Hello old = signer.sign(false, 300, 1, 0, 0);
        Hello current = signer.sign(false, 300, 1, 0, 0);
        HelloGate pinning = new HelloGate(HelloVerifier.direct(), 8, 2.0, 16, identity.publicKey()::equals, 0);
        assertEquals(HelloVerdict.ACCEPTED, pinning.admit(FROM, current, 0));
        Random random = new Random(9);
        for (int i = 0; i < 400; i++) { // 2 new keys a second, far more than the gate remembers
            pinning.admit(new LinkAddress("10.201.0.9:" + i), freshKey(random).sign(false, 300, 1, 0, 0), i * 500L);
        }
        assertEquals(HelloVerdict.REPLAYED, pinning.admit(new LinkAddress("10.201.0.66:5683"), old, 200_000));
        assertEquals(HelloVerdict.REPLAYED, pinning.admit(new LinkAddress("10.201.0.66:5683"), current, 200_001));

        HelloGate forgetting = new HelloGate(HelloVerifier.direct(), 8, 2.0, 16, key -> false, 0);
        assertEquals(HelloVerdict.ACCEPTED, forgetting.admit(FROM, current, 0));
        for (int i = 0; i < 400; i++) {
            forgetting.admit(new LinkAddress("10.201.0.9:" + i), freshKey(random).sign(false, 300, 1, 0, 0), i * 500L);
        }
        assertEquals(HelloVerdict.ACCEPTED, forgetting.admit(new LinkAddress("10.201.0.66:5683"), current, 200_000),
                "without the pin the key is forgotten and the replay gets through: what the pin prevents");
    }

    private static HelloSigner freshKey(Random random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return SeededIdentities.signer(NodeIdentity.fromSeed(seed), 1);
    }
}
