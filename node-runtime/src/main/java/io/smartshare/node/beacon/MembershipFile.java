package io.smartshare.node.beacon;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.beacon.BeaconRejection;
import io.smartshare.contracts.beacon.ShardMembership;
import io.smartshare.hal.config.ConfigMap;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The shard membership an operator config names ({@code beacon.membership}, relative to the
 * config file like {@code rewards.schedule}), verified against the issuers it trusts.
 */
public final class MembershipFile {
    private MembershipFile() {
    }

    /** The membership file {@code section} names, if any. */
    public static Optional<Path> path(ConfigMap section) {
        return section.optionalString("membership").map(name -> Path.of(section.source()).toAbsolutePath()
                .resolveSibling(name));
    }

    /**
     * Reads and verifies {@code file}.
     *
     * @throws IOException naming the file and why it is refused
     */
    public static ShardMembership verify(Path file, Set<Ed25519PublicKey> trusted) throws IOException {
        Outcome<ShardMembership, BeaconRejection> verified = ShardMembership.verify(Files.readAllBytes(file), trusted);
        if (verified.rejection().isPresent()) {
            throw new IOException("shard membership " + file + " refused: " + verified.rejection().get());
        }
        return verified.orElseThrow();
    }
}
