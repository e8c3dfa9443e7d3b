package io.smartshare.node.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.storage.AuditAnswer;
import io.smartshare.contracts.storage.AuditEvidence;
import io.smartshare.contracts.storage.StorageAgreement;
import io.smartshare.contracts.storage.StoragePrice;
import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.storage.LedgerFiles;
import io.smartshare.node.testing.SeededIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner's audits against a real holder's store: a proof of the challenged leaf passes and
 * pays; forged, replayed and late answers change nothing and the audit is missed; a signed
 * proof of another leaf fails it; failed and missed audits are evidence in the owner's ledger.
 */
class AuditorTest {
    private static final NodeIdentity OWNER = SeededIdentities.identity(0x61);
    private static final NodeIdentity HOLDER = SeededIdentities.identity(0x62);
    private static final NodeIdentity STRANGER = SeededIdentities.identity(0x63);
    private static final long DEADLINE_MILLIS = 300;

    @TempDir
    Path dir;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private Ledger ledger;
    private HeldContents held;
    private OwnedContents owned;
    private StorageTerms terms;
    private volatile byte[] lastNonce;
    private volatile Consumer<Optional<Response>> answer;
    private Auditor auditor;

    @BeforeEach
    void storeAContent() throws Exception {
        Path plain = Files.write(dir.resolve("plain"), randomBytes(10_000));
        byte[] nonce = new byte[StorageTerms.NONCE_LENGTH];
        ContentCipher.Sealed sealed = ContentCipher.of(new byte[32], nonce).seal(plain, dir.resolve("sealed"));
        long now = System.currentTimeMillis() / 1000;
        terms = new StorageTerms(OWNER.publicKey(), HOLDER.publicKey(), sealed.root(), sealed.size(),
                StorageTerms.DEFAULT_LEAF_SIZE, now - 10, now + 86_400, new StoragePrice(1, 1), 3_600, nonce);
        StorageAgreement agreement = StorageAgreement.accept(StorageAgreement.propose(terms, OWNER), HOLDER)
                .orElseThrow();
        held = HeldContents.open(dir.resolve("held"), 1 << 20, System::currentTimeMillis);
        held.admit(agreement).orElseThrow();
        held.write(terms.idHex(), 0, Files.readAllBytes(dir.resolve("sealed"))).orElseThrow();
        owned = OwnedContents.open(dir.resolve("owner"));
        owned.add(Owned.agreed(agreement, plain.toString(), 10_000, now * 1000), dir.resolve("sealed"));
        owned.update(terms.idHex(), o -> o.withUploaded(now * 1000));
        ledger = LedgerFiles.open(Files.createDirectories(dir.resolve("ledger")), OWNER);
        auditor = new Auditor(OWNER, ledger, owned, (t, n, a) -> {
            lastNonce = n;
            answer = a;
        }, Runnable::run, timer, System::currentTimeMillis, DEADLINE_MILLIS);
    }

    @AfterEach
    void close() {
        timer.shutdownNow();
        ledger.close();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(5).nextBytes(bytes);
        return bytes;
    }

    private static Optional<Response> response(byte[] payload) {
        Response response = new Response(ResponseCode.CONTENT);
        response.setPayload(payload);
        return Optional.of(response);
    }

    /** The holder's true answer to {@code nonce}, signed by {@code signer}. */
    private byte[] answerTo(byte[] nonce, NodeIdentity signer) {
        HeldContents.Answer a = held.audit(terms.idHex(), nonce).orElseThrow();
        return AuditAnswer.sign(terms, nonce, a.leaf(), a.proof(), signer).encode();
    }

    private Owned record() {
        return owned.find(terms.idHex()).orElseThrow();
    }

    private AuditEvidence.Summary lastEvidence() {
        return AuditEvidence.read((Receipt) ledger.read(ledger.size() - 1, ledger.size()).get(0).body());
    }

    @Test
    void theHoldersProofOfTheChallengedLeafPasses() throws Exception {
        var result = auditor.start(terms);
        answer.accept(response(answerTo(lastNonce, HOLDER)));

        assertEquals(Auditor.Verdict.PASSED, result.get(5, TimeUnit.SECONDS).verdict());
        assertEquals(1, record().passed());
        assertEquals(0, ledger.size(), "a passed audit is no evidence");
    }

    @Test
    void forgedAndReplayedAnswersChangeNothingAndTheAuditIsMissed() throws Exception {
        var first = auditor.start(terms);
        byte[] earlier = lastNonce;
        answer.accept(response(answerTo(earlier, HOLDER)));
        assertEquals(Auditor.Verdict.PASSED, first.get(5, TimeUnit.SECONDS).verdict());

        var second = auditor.start(terms);
        answer.accept(response(answerTo(lastNonce, STRANGER)));
        answer.accept(response(answerTo(earlier, HOLDER)));

        assertEquals(Auditor.Verdict.MISSED, second.get(5, TimeUnit.SECONDS).verdict());
        assertEquals(2, auditor.refusedAnswers());
        assertEquals(1, record().passed());
        assertEquals(1, record().missed());
        assertEquals(AuditEvidence.Verdict.MISSED, lastEvidence().verdict());
        assertEquals(terms.idHex(), lastEvidence().agreementId());
    }

    @Test
    void anAnswerAfterTheDeadlineIsRefused() throws Exception {
        var result = auditor.start(terms);
        Thread.sleep(DEADLINE_MILLIS + 200);
        answer.accept(response(answerTo(lastNonce, HOLDER)));

        assertEquals(Auditor.Verdict.MISSED, result.get(5, TimeUnit.SECONDS).verdict());
        assertEquals(1, auditor.refusedAnswers());
        assertEquals(0, record().passed());
    }

    @Test
    void theHoldersSignedProofOfAnotherLeafFailsTheAuditForGood() throws Exception {
        var result = auditor.start(terms);
        byte[] nonce = lastNonce;
        long challenged = held.audit(terms.idHex(), nonce).orElseThrow().index();
        byte[] other = nonce.clone();
        do {
            other[0]++;
        } while (held.audit(terms.idHex(), other).orElseThrow().index() == challenged);
        HeldContents.Answer wrong = held.audit(terms.idHex(), other).orElseThrow();
        answer.accept(response(AuditAnswer.sign(terms, nonce, wrong.leaf(), wrong.proof(), HOLDER).encode()));

        assertEquals(Auditor.Verdict.FAILED, result.get(5, TimeUnit.SECONDS).verdict());
        assertTrue(record().stopped().isPresent());
        assertTrue(!record().audited(System.currentTimeMillis()), "no more audits, no more pay");
        assertEquals(AuditEvidence.Verdict.FAILED, lastEvidence().verdict());
    }
}
