package io.smartshare.node.storage;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.storage.AuditAnswer;
import io.smartshare.contracts.storage.AuditEvidence;
import io.smartshare.contracts.storage.StorageAudit;
import io.smartshare.contracts.storage.StorageRejection;
import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.ledger.LedgerAppend;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's audits (docs/storage.md, "Audits and pay"): every uploaded content is challenged
 * about once per agreed audit interval (uniformly between half and one and a half of it),
 * with a fresh nonce. The holder's signed answer must come within {@link #DEADLINE_MILLIS};
 * one that proves the challenged leaf passes and pays the time since the last pass; a signed
 * answer that does not is a failed audit, which stops pay for good; no answer in time is a
 * missed audit, whose period is not paid. Failed and missed audits go into the ledger as
 * evidence ({@link AuditEvidence}). Answers that are not the holder's signature on this very
 * challenge (forged, replayed) and answers after the deadline change nothing. Checks run on
 * the CoAP thread (a few hashes); records are written on the storage thread.
 */
final class Auditor {
    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);
    /** How long a holder has to answer a challenge. */
    static final long DEADLINE_MILLIS = 20_000;
    private final long deadlineMillis;
    /** A holder busy with another audit of the same content (5.03) is asked again after this. */
    private static final long RETRY_MILLIS = 1_000;

    /** How an audit ended. */
    enum Verdict {
        PASSED, FAILED, MISSED
    }

    /**
     * Sends a challenge, {@code POST /storage/<id>/audit} with the nonce, to the holder of
     * {@code terms}; {@code answer} gets its response, or empty if none came.
     */
    @FunctionalInterface
    interface Challenger {
        void send(StorageTerms terms, byte[] nonce, Consumer<Optional<Response>> answer);
    }

    /** An audit's result, for the operator's {@code storage audit}. */
    record Result(String id, Verdict verdict, long leaf, String detail) {
    }

    private final NodeIdentity identity;
    private final Ledger ledger;
    private final OwnedContents owned;
    private final Challenger challenger;
    private final Executor recorder;
    private final ScheduledExecutorService timer;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> next = new HashMap<>();
    private final Map<String, Challenge> open = new HashMap<>();
    private final AtomicLong lateOrForeign = new AtomicLong();

    Auditor(NodeIdentity identity, Ledger ledger, OwnedContents owned, Challenger challenger, Executor recorder,
            ScheduledExecutorService timer, LongSupplier clock, long deadlineMillis) {
        this.deadlineMillis = deadlineMillis;
        this.identity = identity;
        this.ledger = ledger;
        this.owned = owned;
        this.challenger = challenger;
        this.recorder = recorder;
        this.timer = timer;
        this.clock = clock;
    }

    /** Starts the audits that are due; run every second. */
    void tick() {
        long now = clock.getAsLong();
        for (Owned record : owned.all()) {
            String id = record.terms().idHex();
            if (!record.audited(now)) {
                continue;
            }
            long due;
            synchronized (this) {
                due = next.computeIfAbsent(id, k -> now + spread(record.terms()));
            }
            if (due <= now) {
                start(record.terms());
            }
        }
    }

    /** Audits {@code terms} now (unless one is open); the future completes with its result. */
    synchronized CompletableFuture<Result> start(StorageTerms terms) {
        String id = terms.idHex();
        Challenge existing = open.get(id);
        if (existing != null) {
            return existing.result;
        }
        byte[] nonce = new byte[StorageAudit.NONCE_LENGTH];
        random.nextBytes(nonce);
        Challenge challenge = new Challenge(terms, nonce, clock.getAsLong() + deadlineMillis);
        open.put(id, challenge);
        next.put(id, clock.getAsLong() + spread(terms));
        timer.schedule(() -> resolve(challenge, Verdict.MISSED, -1, new byte[0], "no answer within "
                + deadlineMillis + " ms"), deadlineMillis, TimeUnit.MILLISECONDS);
        ask(challenge);
        return challenge.result;
    }

    private void ask(Challenge challenge) {
        challenger.send(challenge.terms, challenge.nonce, answer -> answered(challenge, answer));
    }

    private void answered(Challenge challenge, Optional<Response> response) {
        if (response.isEmpty()) {
            return; // lost: the deadline decides
        }
        Response r = response.get();
        if (r.getCode() == ResponseCode.SERVICE_UNAVAILABLE && clock.getAsLong() + RETRY_MILLIS < challenge.deadline) {
            timer.schedule(() -> ask(challenge), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (!r.isSuccess()) {
            LOG.info("event=storage-audit-refused id={} code={} reason=\"{}\"", challenge.terms.idHex(), r.getCode(),
                    r.getPayloadString());
            return; // not signed by the holder: the deadline decides
        }
        Outcome<AuditAnswer.Checked, StorageRejection> checked = AuditAnswer.check(challenge.terms, challenge.nonce,
                r.getPayload());
        if (checked.acceptedValue().isPresent()) {
            resolve(challenge, Verdict.PASSED, checked.acceptedValue().get().index(), new byte[0], "proved");
        } else if (checked.rejection().get().reason() == StorageRejection.FAILED_AUDIT) {
            resolve(challenge, Verdict.FAILED, StorageAudit.challengedLeaf(challenge.terms, challenge.nonce),
                    r.getPayload(), checked.rejection().get().detail());
        } else {
            noteForeign(challenge, checked.rejection().get().toString());
        }
    }

    private void resolve(Challenge challenge, Verdict verdict, long leaf, byte[] answer, String detail) {
        synchronized (this) {
            if (open.get(challenge.terms.idHex()) != challenge) {
                if (verdict != Verdict.MISSED) {
                    noteForeign(challenge, "answer after the deadline");
                }
                return;
            }
            open.remove(challenge.terms.idHex());
        }
        long at = clock.getAsLong();
        try {
            recorder.execute(() -> record(challenge, verdict, leaf, answer, detail, at));
        } catch (RejectedExecutionException e) {
            LOG.warn("event=storage-audit-unrecorded id={} verdict={}", challenge.terms.idHex(), verdict);
            challenge.result.complete(new Result(challenge.terms.idHex(), verdict, leaf, detail + " (not recorded)"));
        }
    }

    private void record(Challenge challenge, Verdict verdict, long leaf, byte[] answer, String detail, long at) {
        String id = challenge.terms.idHex();
        try {
            if (verdict != Verdict.PASSED) {
                LedgerAppend.durably(ledger, AuditEvidence.ledgerEntry(challenge.terms, challenge.nonce,
                        verdict == Verdict.FAILED ? AuditEvidence.Verdict.FAILED : AuditEvidence.Verdict.MISSED, at,
                        answer, detail, identity));
            }
            owned.update(id, o -> switch (verdict) {
                case PASSED -> o.withPassed(at);
                case FAILED -> o.withFailed("audit failed at " + at + ": " + detail);
                case MISSED -> o.withMissed();
            });
        } catch (IOException | LedgerAppend.LedgerWriteException e) {
            LOG.error("event=storage-audit-unrecorded id={} verdict={} error=\"{}\"", id, verdict, e.getMessage());
        }
        if (verdict == Verdict.PASSED) {
            LOG.debug("event=storage-audit id={} verdict=passed leaf={}", id, leaf);
        } else {
            LOG.warn("event=storage-audit id={} verdict={} leaf={} reason=\"{}\"", id,
                    verdict.name().toLowerCase(java.util.Locale.ROOT), leaf, detail);
        }
        challenge.result.complete(new Result(id, verdict, leaf, detail));
    }

    private void noteForeign(Challenge challenge, String why) {
        lateOrForeign.incrementAndGet();
        LOG.info("event=storage-answer-refused id={} reason=\"{}\"", challenge.terms.idHex(), why);
    }

    /** Answers refused as forged, replayed or late, since start. */
    long refusedAnswers() {
        return lateOrForeign.get();
    }

    private long spread(StorageTerms terms) {
        long interval = terms.auditSeconds() * 1000;
        return interval / 2 + (long) (random.nextDouble() * interval);
    }

    private static final class Challenge {
        final StorageTerms terms;
        final byte[] nonce;
        final long deadline;
        final CompletableFuture<Result> result = new CompletableFuture<>();

        Challenge(StorageTerms terms, byte[] nonce, long deadline) {
            this.terms = terms;
            this.nonce = nonce;
            this.deadline = deadline;
        }
    }
}
