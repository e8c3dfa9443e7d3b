package io.smartshare.node.compute;

import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.storage.DurableFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Cumulative instructions per peer, kept in one small file (a CBOR map from public key to
 * count, replaced durably at every change): what this node ran for each consumer, or what it
 * verified each provider ran for it. They feed the meter, so they never decrease and survive
 * restarts. Thread-safe.
 */
final class InstructionTotals {
    private final Path file;
    private final Map<Ed25519PublicKey, Long> totals = new HashMap<>();
    private volatile Map<Ed25519PublicKey, Long> snapshot = Map.of();

    private InstructionTotals(Path file) {
        this.file = file;
    }

    /**
     * Reads {@code file}, or starts empty if there is none.
     *
     * @throws IOException if it cannot be read or is damaged
     */
    static InstructionTotals open(Path file) throws IOException {
        InstructionTotals t = new InstructionTotals(file);
        if (Files.exists(file)) {
            try {
                if (!(Cbor.decode(Files.readAllBytes(file)) instanceof CborMap map)) {
                    throw new IOException(file + ": not a CBOR map");
                }
                for (CborMap.Entry e : map.entries()) {
                    if (!(e.key() instanceof CborValue.Bytes key) || !(e.value() instanceof CborValue.Int n)
                            || n.value() < 0) {
                        throw new IOException(file + ": expected public key -> count, found " + e);
                    }
                    t.totals.put(Ed25519PublicKey.of(key.value()), n.value());
                }
            } catch (RuntimeException e) {
                throw new IOException(file + " is damaged: " + e.getMessage(), e);
            }
        }
        t.snapshot = Map.copyOf(t.totals);
        return t;
    }

    /**
     * Adds {@code instructions} for {@code peer} and makes the new total durable.
     *
     * @throws UncheckedIOException if the file cannot be written (a full disk): nothing is added
     */
    synchronized void add(Ed25519PublicKey peer, long instructions) {
        Map<Ed25519PublicKey, Long> next = new HashMap<>(totals);
        next.merge(peer, instructions, Math::addExact);
        CborMap.Builder map = CborMap.builder();
        next.forEach((key, n) -> map.put(new CborValue.Bytes(key.encoded()), new CborValue.Int(n)));
        try {
            DurableFile.replace(file, Cbor.encode(map.build()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record instruction totals in " + file, e);
        }
        totals.putAll(next);
        snapshot = Map.copyOf(totals);
    }

    /** The totals now, per peer. */
    Map<Ed25519PublicKey, Long> all() {
        return snapshot;
    }

    /** The sum over every peer. */
    long sum() {
        return snapshot.values().stream().mapToLong(Long::longValue).sum();
    }
}
