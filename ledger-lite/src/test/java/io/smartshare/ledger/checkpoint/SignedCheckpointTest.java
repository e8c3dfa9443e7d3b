package io.smartshare.ledger.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.Hash;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignedCheckpointTest {
    private static final NodeIdentity KEY = NodeIdentity.fromSeed(
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    private static final String ORIGIN = Checkpoint.originOf(KEY.nodeId());
    private static final String ROOT = Hash.ZERO.base64();
    private static final String SIG = SignedCheckpoint.sign(new Checkpoint(ORIGIN, 3, Hash.ZERO), KEY).text()
            .split("\n")[4];

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(ORIGIN + "\n3\n" + ROOT + "\n\n" + SIG, "final newline"),
                Arguments.of(ORIGIN + "\n3\n" + ROOT + "\n" + SIG + "\n", "blank line"),
                Arguments.of(ORIGIN + "\n03\n" + ROOT + "\n\n" + SIG + "\n", "line 2"),
                Arguments.of(ORIGIN + "\n-3\n" + ROOT + "\n\n" + SIG + "\n", "line 2"),
                Arguments.of(ORIGIN + "\n3\n" + ROOT.substring(1) + "\n\n" + SIG + "\n", "line 3"),
                Arguments.of(ORIGIN + "\n3\nAAAA\n\n" + SIG + "\n", "line 3"),
                Arguments.of(ORIGIN + "\n3\n" + ROOT + "\n\n", "blank line"),
                Arguments.of(ORIGIN + "\n3\n" + ROOT + "\n\n- " + ORIGIN + " AAAAAAAA\n", "line 5"),
                Arguments.of(ORIGIN + "\n3\n" + ROOT + "\n\n\u2014 " + ORIGIN + " !!\n", "line 5"),
                Arguments.of(ORIGIN + "\n3\n" + ROOT + "\n\n\u2014 " + ORIGIN + " AAAA\n", "too short"),
                Arguments.of("has space\n3\n" + ROOT + "\n\n" + SIG + "\n", "origin"),
                Arguments.of("x".repeat(SignedCheckpoint.MAX_LENGTH + 1), "exceeds"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void rejectsMalformedNotesNamingTheLine(String note, String reason) {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> SignedCheckpoint.parse(note.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] note = (ORIGIN + "\n3\n" + ROOT + "\n\n" + SIG + "\n").getBytes(StandardCharsets.UTF_8);
        note[2] = (byte) 0xff;
        CheckpointException e = assertThrows(CheckpointException.class, () -> SignedCheckpoint.parse(note));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void aSignatureOverOneTreeDoesNotVerifyForAnother() {
        SignedCheckpoint signed = SignedCheckpoint.sign(new Checkpoint(ORIGIN, 3, Hash.ZERO), KEY);
        SignedCheckpoint moved = SignedCheckpoint.of(new Checkpoint(ORIGIN, 4, Hash.ZERO), KEY.publicKey(),
                signed.logSignature(KEY.publicKey()).orElseThrow());
        assertTrue(signed.isSignedBy(KEY.publicKey()));
        assertFalse(moved.isSignedBy(KEY.publicKey()));
        assertEquals(signed, SignedCheckpoint.parse(signed.encoded()));
    }

    @Test
    void keepsUnknownSignatureLinesAndStillFindsTheLogSignature() {
        SignedCheckpoint signed = SignedCheckpoint.sign(new Checkpoint(ORIGIN, 3, Hash.ZERO), KEY);
        String withOther = signed.text() + "\u2014 other.example AAAAAAAAAAAA\n";
        SignedCheckpoint parsed = SignedCheckpoint.parse(withOther.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, parsed.signatures().size());
        assertTrue(parsed.isSignedBy(KEY.publicKey()));
        assertEquals(withOther, parsed.text());
    }

    @Test
    void cosignaturesGatheredFromSeveralWitnessesAreAllKept() {
        NodeIdentity w1 = NodeIdentity.fromSeed(new byte[32]);
        byte[] seed2 = new byte[32];
        seed2[0] = 2;
        NodeIdentity w2 = NodeIdentity.fromSeed(seed2);
        SignedCheckpoint note = SignedCheckpoint.sign(new Checkpoint(ORIGIN, 3, Hash.ZERO), KEY);
        SignedCheckpoint gathered = note.withSignaturesOf(note.cosign("w1", w1, 10))
                .withSignaturesOf(note.cosign("w2", w2, 11)).withSignaturesOf(note.cosign("w1", w1, 10));
        assertEquals(3, gathered.signatures().size(), "the log's and two cosignatures, none twice");
        assertTrue(gathered.isSignedBy(KEY.publicKey()) && gathered.isCosignedBy("w1", w1.publicKey())
                && gathered.isCosignedBy("w2", w2.publicKey()));
        SignedCheckpoint other = SignedCheckpoint.sign(new Checkpoint(ORIGIN, 4, Hash.ZERO), KEY);
        assertThrows(IllegalArgumentException.class, () -> note.withSignaturesOf(other));
    }
}
