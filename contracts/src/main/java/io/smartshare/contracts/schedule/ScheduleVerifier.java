package io.smartshare.contracts.schedule;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Optional;
import java.util.Set;

/**
 * Checks reward schedules against the issuer keys a vendor's configuration trusts
 * (docs/contracts.md §7). Immutable and thread-safe.
 */
public final class ScheduleVerifier {
    private final Set<Ed25519PublicKey> trustedIssuers;

    /** A verifier that trusts exactly {@code trustedIssuers}. */
    public ScheduleVerifier(Set<Ed25519PublicKey> trustedIssuers) {
        this.trustedIssuers = Set.copyOf(trustedIssuers);
    }

    /** Verifies a signed schedule (COSE_Sign1 bytes) from a file or a peer. */
    public Outcome<VerifiedSchedule, ScheduleRejection> verify(byte[] signed) {
        CoseSign1 cose;
        try {
            cose = CoseSign1.decode(Domain.SCHEDULE, signed);
        } catch (ContractException e) {
            return Outcome.rejected(ScheduleRejection.MALFORMED, e.getMessage());
        }
        Optional<Ed25519PublicKey> issuer = trustedIssuers.stream()
                .filter(cose::kidNames)
                .findFirst();
        if (issuer.isEmpty()) {
            return Outcome.rejected(ScheduleRejection.UNTRUSTED_ISSUER, "schedule: signer in " + cose
                    + " is none of the " + trustedIssuers.size() + " trusted issuer keys");
        }
        if (!cose.verifiedBy(issuer.get())) {
            return Outcome.rejected(ScheduleRejection.BAD_SIGNATURE, "schedule: signature is not that of issuer "
                    + issuer.get() + " over this document");
        }
        try {
            return Outcome.accepted(new VerifiedSchedule(RewardSchedule.decode(cose.payload()), issuer.get()));
        } catch (ContractException e) {
            return Outcome.rejected(ScheduleRejection.MALFORMED, e.getMessage());
        }
    }

    /** Like {@link #verify(byte[])}, and requires a version above that of {@code current}. */
    public Outcome<VerifiedSchedule, ScheduleRejection> verifyNewer(byte[] signed, VerifiedSchedule current) {
        Outcome<VerifiedSchedule, ScheduleRejection> outcome = verify(signed);
        Optional<VerifiedSchedule> candidate = outcome.acceptedValue();
        long held = current.schedule().version();
        if (candidate.isPresent() && candidate.get().schedule().version() <= held) {
            return Outcome.rejected(ScheduleRejection.NOT_NEWER, "schedule: version "
                    + candidate.get().schedule().version() + " is not above the held version " + held);
        }
        return outcome;
    }
}
