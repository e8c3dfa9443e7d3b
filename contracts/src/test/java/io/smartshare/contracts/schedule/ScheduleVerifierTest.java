package io.smartshare.contracts.schedule;

import static io.smartshare.contracts.Fixtures.hex;
import static io.smartshare.contracts.Fixtures.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.ledger.identity.NodeIdentity;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleVerifierTest {
    static final NodeIdentity ISSUER = ScheduleFixtures.ISSUER;
    static final NodeIdentity STRANGER = identity(0x08);
    final ScheduleVerifier verifier = new ScheduleVerifier(Set.of(ISSUER.publicKey()));

    static ScheduleRejection reason(Outcome<VerifiedSchedule, ScheduleRejection> outcome) {
        return outcome.rejection().orElseThrow().reason();
    }

    @Test
    void exampleScheduleEncodesAsComputedIndependently() {
        assertEquals("a6000101030205031a0007a120040105a401831907d01a000f42401a000493e002831907d01a000f42401a000493e0"
                + "0383051903e81a000186a00483181e1903e81a000186a0", hex(ScheduleFixtures.exampleSchedule(500_000).encode()));
        assertEquals("b3ac4f061a5c4521b122a70d8d7182afee7cfba8fe21f470570e1211fbd7df57", hex(ScheduleFixtures.exampleSchedule(500_000).id()));
    }

    @Test
    void acceptsScheduleSignedByTrustedIssuer() {
        VerifiedSchedule verified = verifier.verify(ScheduleFixtures.exampleSchedule(500_000).sign(ISSUER)).orElseThrow();
        assertEquals(ScheduleFixtures.exampleSchedule(500_000), verified.schedule());
        assertEquals(ISSUER.publicKey(), verified.issuer());
    }

    @Test
    void rejectsScheduleSignedByUntrustedKey() {
        Outcome<VerifiedSchedule, ScheduleRejection> outcome = verifier.verify(ScheduleFixtures.exampleSchedule(500_000).sign(STRANGER));
        assertEquals(ScheduleRejection.UNTRUSTED_ISSUER, reason(outcome));
        assertTrue(outcome.rejection().orElseThrow().detail().contains(STRANGER.nodeId().value()));
    }

    @Test
    void rejectsTamperedSchedule() {
        byte[] signed = ScheduleFixtures.exampleSchedule(500_000).sign(ISSUER);
        byte[] pool = hex("1a0007a120");
        byte[] bigger = hex("1a0007a121");
        for (int i = 0; i + pool.length <= signed.length; i++) {
            if (java.util.Arrays.equals(signed, i, i + pool.length, pool, 0, pool.length)) {
                System.arraycopy(bigger, 0, signed, i, bigger.length);
                break;
            }
        }
        assertEquals(ScheduleRejection.BAD_SIGNATURE, reason(verifier.verify(signed)));
    }

    @Test
    void rejectsSignatureFromAnotherDocumentKind() {
        byte[] asReceipt = io.smartshare.contracts.cose.CoseSign1.sign(io.smartshare.contracts.cose.Domain.RECEIPT,
                ScheduleFixtures.exampleSchedule(500_000).encode(), ISSUER).encode();
        assertEquals(ScheduleRejection.BAD_SIGNATURE, reason(verifier.verify(asReceipt)));
    }

    @Test
    void rejectsGarbage() {
        assertEquals(ScheduleRejection.MALFORMED, reason(verifier.verify(new byte[] {1, 2, 3})));
    }

    @Test
    void rejectsOlderOrSameVersionThanHeld() {
        VerifiedSchedule held = ScheduleFixtures.verifiedExample(500_000);
        Outcome<VerifiedSchedule, ScheduleRejection> same = verifier.verifyNewer(ScheduleFixtures.exampleSchedule(1).sign(ISSUER), held);
        assertEquals(ScheduleRejection.NOT_NEWER, reason(same));
        RewardSchedule v4 = new RewardSchedule(4, 9, 1, ScheduleFixtures.exampleSchedule(1).terms());
        assertEquals(v4, verifier.verifyNewer(v4.sign(ISSUER), held).orElseThrow().schedule());
    }

    @Test
    void rejectsScheduleWithoutTerms() {
        ContractException e = assertThrows(ContractException.class, () -> new RewardSchedule(1, 0, 1, Map.of()));
        assertTrue(e.getMessage().contains("terms"));
    }

    @Test
    void decodesWhatItEncodes() {
        assertEquals(ScheduleFixtures.exampleSchedule(7), RewardSchedule.decode(ScheduleFixtures.exampleSchedule(7).encode()));
    }
}
