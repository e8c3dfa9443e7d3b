package io.smartshare.node.rewards;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.MicroTokens;
import io.smartshare.contracts.settlement.Mark;
import io.smartshare.contracts.settlement.SettlementResult;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborException;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.storage.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest epoch result settled by {@code smartshare-node rewards settle} for a node, kept
 * as its §8.6 bytes in {@code <data-dir>/settlement.cbor} (replaced atomically), and shown in
 * {@code /rewards}: epoch, settlement hash, schedule id, pool, unallocated, dust, every
 * node's line and every channel paid out.
 */
public final class SettlementRecord {
    static final String FILE_NAME = "settlement.cbor";

    private SettlementRecord() {
    }

    /** A settled epoch's number and marks, which the next epoch is settled from (docs/contracts.md §8.1). */
    public record Previous(long epoch, List<Mark> marks) {
        public Previous {
            marks = List.copyOf(marks);
        }
    }

    /**
     * Reads the epoch and marks of a result written by {@code rewards settle}.
     *
     * @throws IOException if it cannot be read or is not a §8.6 result
     */
    public static Previous previous(Path file) throws IOException {
        try {
            CborMap result = (CborMap) Cbor.decode(Files.readAllBytes(file));
            List<Mark> marks = new ArrayList<>();
            for (CborValue line : ((CborValue.Array) field(result, 8)).items()) {
                List<CborValue> items = ((CborValue.Array) line).items();
                long code = ((CborValue.Int) items.get(2)).value();
                marks.add(new Mark(key(items.get(0)), key(items.get(1)), Resource.ofCode(code)
                        .orElseThrow(() -> new IllegalArgumentException("unknown resource code " + code)),
                        ((CborValue.Int) items.get(3)).value()));
            }
            return new Previous(integer(result, 1), marks);
        } catch (CborException | IdentityException | ContractException | ClassCastException
                | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException(file + ": not a settlement result: " + e.getMessage(), e);
        }
    }

    /**
     * The latest settlement this node stored: its epoch, its marks and {@code self}'s reward in
     * it (0 when it earned nothing); empty if none was stored or the file cannot be read as one.
     */
    static Optional<Settled> latest(Path dataDir, Ed25519PublicKey self) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Previous previous = previous(file);
            long reward = 0;
            CborMap result = (CborMap) Cbor.decode(Files.readAllBytes(file));
            for (CborValue line : ((CborValue.Array) field(result, 4)).items()) {
                List<CborValue> items = ((CborValue.Array) line).items();
                if (key(items.get(0)).equals(self)) {
                    reward = ((CborValue.Int) items.get(3)).value();
                }
            }
            return Optional.of(new Settled(previous.epoch(), previous.marks(), reward));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A stored settlement as one node reads it: the epoch, the marks, the node's reward in micro-tokens. */
    record Settled(long epoch, List<Mark> marks, long reward) {
    }

    private static Ed25519PublicKey key(CborValue value) {
        return Ed25519PublicKey.of(((CborValue.Bytes) value).value());
    }

    /** Keeps {@code result} as the latest settlement of the node with data dir {@code dataDir}. */
    public static void store(Path dataDir, SettlementResult result) throws IOException {
        DurableFile.replace(dataDir.resolve(FILE_NAME), result.encode());
    }

    /**
     * The latest settlement as a document, if one was stored; a damaged file is reported in
     * the document rather than failing {@code /rewards}.
     */
    static Optional<Map<String, Object>> document(Path dataDir) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dataDir.resolve(FILE_NAME));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(Map.of("error", "cannot read " + FILE_NAME + ": " + e.getMessage()));
        }
        try {
            return Optional.of(decode(bytes));
        } catch (CborException | IdentityException | ClassCastException | IndexOutOfBoundsException
                | IllegalArgumentException e) {
            return Optional.of(Map.of("error", FILE_NAME + " is not a settlement result: " + e.getMessage()));
        }
    }

    private static Map<String, Object> decode(byte[] bytes) {
        CborMap result = (CborMap) Cbor.decode(bytes);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("epoch", integer(result, 1));
        doc.put("hash", HexFormat.of().formatHex(sha256(bytes)));
        doc.put("schedule-id", HexFormat.of().formatHex(((CborValue.Bytes) field(result, 2)).value()));
        doc.put("pool-micro-tokens", integer(result, 3));
        doc.put("pool-tokens", MicroTokens.tokens(integer(result, 3)));
        List<Object> rewards = new ArrayList<>();
        for (CborValue line : ((CborValue.Array) field(result, 4)).items()) {
            List<CborValue> items = ((CborValue.Array) line).items();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("node", NodeId.of(key(items.get(0))).value());
            row.put("earned", ((CborValue.Int) items.get(1)).value());
            row.put("capped", ((CborValue.Int) items.get(2)).value());
            row.put("reward", ((CborValue.Int) items.get(3)).value());
            row.put("reward-tokens", MicroTokens.tokens(((CborValue.Int) items.get(3)).value()));
            rewards.add(row);
        }
        doc.put("rewards", rewards);
        doc.put("unallocated", integer(result, 5));
        doc.put("dust", integer(result, 6));
        List<Object> channels = new ArrayList<>();
        for (CborValue line : ((CborValue.Array) field(result, 7)).items()) {
            List<CborValue> items = ((CborValue.Array) line).items();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", HexFormat.of().formatHex(((CborValue.Bytes) items.get(0)).value()));
            row.put("payer", NodeId.of(key(items.get(1))).value());
            row.put("payee", NodeId.of(key(items.get(2))).value());
            row.put("deposit", ((CborValue.Int) items.get(3)).value());
            row.put("paid", ((CborValue.Int) items.get(4)).value());
            row.put("paid-tokens", MicroTokens.tokens(((CborValue.Int) items.get(4)).value()));
            channels.add(row);
        }
        doc.put("channels", channels);
        return doc;
    }

    private static CborValue field(CborMap map, long key) {
        return map.get(key).orElseThrow(() -> new IllegalArgumentException("field " + key + " missing"));
    }

    private static long integer(CborMap map, long key) {
        return ((CborValue.Int) field(map, key)).value();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
