package io.smartshare.node.config;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.schedule.ScheduleRejection;
import io.smartshare.contracts.schedule.ScheduleVerifier;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** A signed reward schedule file (COSE_Sign1 bytes, docs/contracts.md §7), checked against trusted issuers. */
public final class ScheduleFile {
    private ScheduleFile() {
    }

    /** Reads {@code file} and verifies it against {@code trustedIssuers}. */
    public static Outcome<VerifiedSchedule, ScheduleRejection> verify(Path file, Set<Ed25519PublicKey> trustedIssuers)
            throws IOException {
        return new ScheduleVerifier(trustedIssuers).verify(Files.readAllBytes(file));
    }
}
