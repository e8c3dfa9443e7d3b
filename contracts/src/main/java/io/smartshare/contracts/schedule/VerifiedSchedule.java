package io.smartshare.contracts.schedule;

import io.smartshare.ledger.identity.Ed25519PublicKey;

/**
 * A reward schedule whose signature by a trusted issuer was checked; only
 * {@link ScheduleVerifier} creates one. Immutable.
 */
public final class VerifiedSchedule {
    private final RewardSchedule schedule;
    private final Ed25519PublicKey issuer;

    VerifiedSchedule(RewardSchedule schedule, Ed25519PublicKey issuer) {
        this.schedule = schedule;
        this.issuer = issuer;
    }

    public RewardSchedule schedule() {
        return schedule;
    }

    /** The trusted key that signed it. */
    public Ed25519PublicKey issuer() {
        return issuer;
    }

    /** The schedule id, SHA-256 of its payload. */
    public byte[] id() {
        return schedule.id();
    }

    @Override
    public String toString() {
        return "VerifiedSchedule[version=" + schedule.version() + ", issuer=" + issuer + "]";
    }
}
