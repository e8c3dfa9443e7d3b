package io.smartshare.node.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.storage.StorageAgreement;
import io.smartshare.contracts.storage.StorageAudit;
import io.smartshare.contracts.storage.StoragePrice;
import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.CompactRange;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.node.storage.HeldContents.Refusal;
import io.smartshare.node.testing.SeededIdentities;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holder's store: share, ordered durable uploads, completion only on the agreed root, audits, restarts. */
class HeldContentsTest {
    private static final NodeIdentity OWNER = SeededIdentities.identity(0x41);
    private static final NodeIdentity HOLDER = SeededIdentities.identity(0x42);
    private static final int LEAF = 256;
    /** Within the agreements' term (1 000 s to 90 000 s). */
    private static final LongSupplier CLOCK = () -> 5_000_000L;
    /** 19 whole leaves and a last one of 136 bytes. */
    private static final byte[] CONTENT = content(5_000, 7);

    @TempDir
    Path dir;

    private static byte[] content(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    private static StorageAgreement agreement(byte[] content, int nonce) {
        CompactRange range = new CompactRange();
        for (int from = 0; from < content.length; from += LEAF) {
            range.append(TreeHasher.leaf(Arrays.copyOfRange(content, from, Math.min(content.length, from + LEAF))));
        }
        byte[] n = new byte[StorageTerms.NONCE_LENGTH];
        n[0] = (byte) nonce;
        StorageTerms terms = new StorageTerms(OWNER.publicKey(), HOLDER.publicKey(), range.root().bytes(), content.length,
                LEAF, 1_000, 90_000, new StoragePrice(5, 1L << 30), 3_600, n);
        return StorageAgreement.accept(StorageAgreement.propose(terms, OWNER), HOLDER).orElseThrow();
    }

    private static byte[] leaves(long from, long to) {
        return Arrays.copyOfRange(CONTENT, (int) from * LEAF, (int) Math.min(CONTENT.length, to * LEAF));
    }

    private static Refusal reason(Outcome<?, Refusal> outcome) {
        return outcome.rejection().orElseThrow().reason();
    }

    @Test
    void anAgreementOverTheShareIsRefusedAndLeavesNothing() throws Exception {
        HeldContents store = HeldContents.open(dir, 9_000, CLOCK);
        assertTrue(store.admit(agreement(CONTENT, 1)).acceptedValue().isPresent());
        assertEquals(Refusal.OVER_SHARE, reason(store.admit(agreement(CONTENT, 2))), "10,000 bytes of a 9,000 share");
        assertEquals(5_000, store.used());
        try (var entries = Files.list(dir)) {
            assertEquals(1, entries.count(), "the refused one left no directory");
        }
        assertTrue(store.admit(agreement(CONTENT, 1)).acceptedValue().isPresent(), "the same agreement again is no more");
        store.delete(agreement(CONTENT, 1).terms().idHex()).orElseThrow();
        assertEquals(0, store.used());
        assertTrue(store.admit(agreement(CONTENT, 2)).acceptedValue().isPresent(), "deleting freed the share");
    }

    @Test
    void anUploadInLeafOrderCompletesOnTheAgreedRootAndAnswersAuditsAndReads() throws Exception {
        HeldContents store = HeldContents.open(dir, 1 << 20, CLOCK);
        StorageAgreement agreement = agreement(CONTENT, 1);
        String id = agreement.terms().idHex();
        store.admit(agreement).orElseThrow();
        assertEquals(Refusal.OUT_OF_ORDER, reason(store.write(id, 3, leaves(3, 5))));
        assertEquals(Refusal.NOT_WHOLE_LEAVES, reason(store.write(id, 0, Arrays.copyOf(leaves(0, 2), 300))));
        assertEquals(8L, store.write(id, 0, leaves(0, 8)).orElseThrow());
        assertEquals(Refusal.INCOMPLETE, reason(store.audit(id, new byte[16])), "nothing is served before the end");
        assertFalse(Files.exists(dir.resolve(id).resolve(HeldContents.CONTENT)));
        assertEquals(20L, store.write(id, 8, leaves(8, 20)).orElseThrow(), "the short last leaf ends it");
        assertTrue(Files.exists(dir.resolve(id).resolve(HeldContents.CONTENT)));
        assertFalse(Files.exists(dir.resolve(id).resolve(HeldContents.PART)));
        assertEquals(Refusal.COMPLETE, reason(store.write(id, 20, new byte[1])));

        for (int n = 0; n < 32; n++) {
            byte[] nonce = new byte[16];
            nonce[5] = (byte) n;
            HeldContents.Answer answer = store.audit(id, nonce).orElseThrow();
            assertEquals(answer.index(), StorageAudit.check(agreement.terms(), nonce, answer.leaf(), answer.proof())
                    .orElseThrow());
        }
        assertArrayEquals(CONTENT, store.read(id, 0, 20).orElseThrow());
        assertArrayEquals(leaves(19, 20), store.read(id, 19, 5).orElseThrow(), "the last leaf, short");
    }

    @Test
    void anEndedAgreementFreesTheShareKeepsItsHeldTimeAcrossARestartAndIsNeverTakenAgain() throws Exception {
        long[] now = {5_000_000};
        HeldContents store = HeldContents.open(dir, 1 << 20, () -> now[0]);
        StorageAgreement agreement = agreement(CONTENT, 1);
        String id = agreement.terms().idHex();
        store.admit(agreement).orElseThrow();
        store.write(id, 0, CONTENT).orElseThrow();
        now[0] += 2_000;
        BigInteger held = BigInteger.valueOf(5_000L * 2_000);
        assertEquals(held, store.heldByteMillis(now[0]).get(OWNER.publicKey()), "5,000 bytes for 2 s");

        store.delete(id).orElseThrow();
        now[0] += 60_000;
        assertEquals(0, store.used());
        assertEquals(held, store.heldByteMillis(now[0]).get(OWNER.publicKey()), "counted up to the delete, no more");
        assertFalse(Files.exists(dir.resolve(id).resolve(HeldContents.CONTENT)));

        HeldContents again = HeldContents.open(dir, 1 << 20, () -> now[0]);
        assertEquals(held, again.heldByteMillis(now[0]).get(OWNER.publicKey()), "after a restart too");
        assertEquals(Refusal.ENDED, reason(again.admit(agreement)), "a replayed proposal takes nothing");
        assertEquals(List.of(), again.rows());
    }

    @Test
    void aTermThatIsOverEndsTheAgreementAndItsCount() throws Exception {
        long[] now = {5_000_000};
        HeldContents store = HeldContents.open(dir, 1 << 20, () -> now[0]);
        StorageAgreement agreement = agreement(CONTENT, 1);
        store.admit(agreement).orElseThrow();
        store.write(agreement.terms().idHex(), 0, CONTENT).orElseThrow();
        now[0] = 100_000_000; // the term ends at 90,000 s
        assertEquals(List.of(agreement.terms().idHex()), store.expire(now[0]));
        assertEquals(BigInteger.valueOf(5_000L * (90_000_000 - 5_000_000)),
                store.heldByteMillis(now[0]).get(OWNER.publicKey()), "held until the term's end");
        assertEquals(0, store.used());
    }

    @Test
    void contentWhoseRootIsNotTheAgreedOneIsDroppedAndNeverServed() throws Exception {
        HeldContents store = HeldContents.open(dir, 1 << 20, CLOCK);
        String id = store.admit(agreement(CONTENT, 1)).orElseThrow().idHex();
        byte[] forged = CONTENT.clone();
        forged[4_321] ^= 1;
        store.write(id, 0, Arrays.copyOfRange(forged, 0, 10 * LEAF)).orElseThrow();
        assertEquals(Refusal.MISMATCH, reason(store.write(id, 10, Arrays.copyOfRange(forged, 10 * LEAF, forged.length))));
        assertEquals(0L, store.received(id).orElseThrow(), "the upload starts again");
        assertFalse(Files.exists(dir.resolve(id).resolve(HeldContents.CONTENT)));
        assertEquals(Refusal.INCOMPLETE, reason(store.read(id, 0, 1)));
    }

    /**
     * An upload of {@link #CONTENT} whose first {@code written} leaves went through the store,
     * then {@code reachedDisk} more bytes by hand (what a write cut by a crash leaves); the id.
     */
    private String crashedUpload(StorageAgreement agreement, long written, byte[] reachedDisk) throws Exception {
        String id = agreement.terms().idHex();
        HeldContents first = HeldContents.open(dir, 1 << 20, CLOCK);
        first.admit(agreement).orElseThrow();
        first.write(id, 0, leaves(0, written)).orElseThrow();
        Files.write(dir.resolve(id).resolve(HeldContents.PART), reachedDisk, StandardOpenOption.APPEND);
        return id;
    }

    @Test
    void anUploadCutByACrashResumesFromItsLastWholeLeaf() throws Exception {
        StorageAgreement agreement = agreement(CONTENT, 1);
        // the crash came in the middle of the seventh leaf's write: half a leaf reached the disk
        String id = crashedUpload(agreement, 6, Arrays.copyOf(leaves(6, 7), 100));

        HeldContents again = HeldContents.open(dir, 1 << 20, CLOCK);
        assertEquals(agreement.terms(), again.agreements().get(id));
        assertEquals(6L, again.received(id).orElseThrow());
        assertEquals(20L, again.write(id, 6, leaves(6, 20)).orElseThrow());
        assertArrayEquals(CONTENT, again.read(id, 0, 20).orElseThrow());
    }

    @Test
    void aCrashAfterTheLastLeafButBeforeTheRenameCompletesAtTheNextStart() throws Exception {
        String id = crashedUpload(agreement(CONTENT, 1), 19, leaves(19, 20));

        HeldContents again = HeldContents.open(dir, 1 << 20, CLOCK);
        assertEquals(20L, again.received(id).orElseThrow());
        assertArrayEquals(CONTENT, again.read(id, 0, 20).orElseThrow());
    }
}
