package io.smartshare.node.storage;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.storage.StorageAgreement;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.storage.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * What this node stores on others, in {@code <data-dir>/storage-owned/}: one directory per
 * agreement, named by its id, with {@code agreement.cbor} (the co-signed record), {@code
 * state.cbor} ({@link Owned}, replaced atomically at every change) and, until the upload is
 * complete, {@code sealed} (the encrypted content it is uploaded from). Deleted agreements
 * stay, without content, so the pay they earned stays counted. Thread-safe (one monitor).
 */
final class OwnedContents {
    static final String DIRECTORY = "storage-owned";
    static final String AGREEMENT = "agreement.cbor";
    static final String STATE = "state.cbor";
    static final String SEALED = "sealed";

    private final Path dir;
    private final Map<String, Owned> owned = new LinkedHashMap<>();
    /** What {@link #all} and {@link #paid} read: replaced at every change, so readers never wait for a write. */
    private volatile List<Owned> snapshot = List.of();

    private OwnedContents(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens the store under {@code dataDir}.
     *
     * @throws IOException if a record there cannot be read or is damaged
     */
    static OwnedContents open(Path dataDir) throws IOException {
        OwnedContents store = new OwnedContents(dataDir.resolve(DIRECTORY));
        Files.createDirectories(store.dir);
        try (Stream<Path> entries = Files.list(store.dir)) {
            for (Path entry : HeldContents.sorted(entries)) {
                if (!Files.isRegularFile(entry.resolve(STATE))) {
                    continue; // agreed but never recorded: the holder keeps nothing the owner does not know of
                }
                try {
                    StorageAgreement agreement = StorageAgreement.decode(Files.readAllBytes(entry.resolve(AGREEMENT)))
                            .orElseThrow();
                    store.owned.put(agreement.terms().idHex(), Owned.decode(agreement,
                            Files.readAllBytes(entry.resolve(STATE))));
                } catch (ContractException e) {
                    throw new IOException(entry + ": " + e.getMessage(), e);
                }
            }
        }
        store.snapshot = List.copyOf(store.owned.values());
        return store;
    }

    /** Where a content being put is sealed before its agreement exists. */
    Path staging(String name) throws IOException {
        Files.createDirectories(dir);
        return dir.resolve(name + ".sealing");
    }

    /** Records a new agreement, its sealed content moved from {@code sealed} into its directory. */
    synchronized Owned add(Owned record, Path sealed) throws IOException {
        String id = record.terms().idHex();
        Path home = dir.resolve(id);
        Files.createDirectories(home);
        DurableFile.replace(home.resolve(AGREEMENT), record.agreement().encode());
        Files.move(sealed, home.resolve(SEALED));
        DurableFile.replace(home.resolve(STATE), record.encodeState());
        owned.put(id, record);
        snapshot = List.copyOf(owned.values());
        return record;
    }

    /** The sealed content of {@code id}, while its upload is not complete. */
    Path sealed(String id) {
        return dir.resolve(id).resolve(SEALED);
    }

    /** Applies {@code change} to {@code id}'s record and stores it; empty if there is none. */
    synchronized Optional<Owned> update(String id, UnaryOperator<Owned> change) throws IOException {
        Owned before = owned.get(id);
        if (before == null) {
            return Optional.empty();
        }
        Owned after = change.apply(before);
        DurableFile.replace(dir.resolve(id).resolve(STATE), after.encodeState());
        owned.put(id, after);
        snapshot = List.copyOf(owned.values());
        if (after.uploaded() || after.deleted()) {
            Files.deleteIfExists(sealed(id));
        }
        return Optional.of(after);
    }

    /** Every record, as last stored. */
    List<Owned> all() {
        return snapshot;
    }

    /** The record whose agreement id or content root is {@code key} (hex, either case), if any. */
    Optional<Owned> find(String key) {
        String hex = key.toLowerCase(Locale.ROOT);
        return snapshot.stream().filter(o -> o.terms().idHex().equals(hex)
                || HexFormat.of().formatHex(o.terms().root()).equals(hex)).findFirst();
    }

    /** Megabyte-seconds proven by audits, per holder: this node's consumed {@code storage}. */
    Map<Ed25519PublicKey, Long> paid() {
        Map<Ed25519PublicKey, Long> paid = new HashMap<>();
        for (Owned o : snapshot) {
            paid.merge(o.terms().holder(), o.paid().megabyteSeconds(), Long::sum);
        }
        return paid;
    }
}
