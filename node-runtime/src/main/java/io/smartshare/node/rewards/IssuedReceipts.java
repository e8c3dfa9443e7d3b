package io.smartshare.node.rewards;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.hal.config.ConfigMap;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.storage.DurableFile;
import io.smartshare.node.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The consumer side's memory: the latest receipt this node signed for each provider and
 * resource, in {@code <data-dir>/receipts-issued.json} (hex COSE_Sign1 bytes, written
 * atomically before the receipts are sent). A restarted node resumes its
 * {@link io.smartshare.contracts.receipt.ReceiptIssuer} from it, so it never signs a lower
 * amount or an overlapping interval for a provider. Not thread-safe.
 */
final class IssuedReceipts {
    static final String FILE_NAME = "receipts-issued.json";

    private record Slot(NodeId provider, Resource resource) {
        static final Comparator<Slot> ORDER = Comparator.comparing((Slot s) -> s.provider().value())
                .thenComparing(Slot::resource);
    }

    private final Path file;
    private final Map<Slot, SignedReceipt> latest;

    private IssuedReceipts(Path file, Map<Slot, SignedReceipt> latest) {
        this.file = file;
        this.latest = latest;
    }

    /**
     * Loads the store in {@code dataDir}.
     *
     * @throws io.smartshare.hal.config.ConfigException naming file, line and key if it is damaged
     */
    static IssuedReceipts open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        IssuedReceipts store = new IssuedReceipts(file, new TreeMap<>(Slot.ORDER));
        if (Files.exists(file)) {
            ConfigMap root = ConfigMap.load(file);
            for (String hex : root.stringList("receipts")) {
                try {
                    store.put(SignedReceipt.decode(HexFormat.of().parseHex(hex)));
                } catch (ContractException | IllegalArgumentException e) {
                    throw root.invalid("receipts", "not a receipt: " + e.getMessage());
                }
            }
            root.requireNoOtherKeys();
        }
        return store;
    }

    /** The latest receipt per provider and resource. */
    List<SignedReceipt> latest() {
        return List.copyOf(latest.values());
    }

    /** Records {@code issued} durably (they replace older ones for the same provider and resource). */
    void record(List<SignedReceipt> issued) throws IOException {
        issued.forEach(this::put);
        List<Object> hex = new ArrayList<>();
        latest.values().forEach(r -> hex.add(HexFormat.of().formatHex(r.encode())));
        DurableFile.replace(file, (Json.write(Map.of("receipts", hex)) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void put(SignedReceipt receipt) {
        ReceiptClaim c = receipt.claim();
        latest.put(new Slot(NodeId.of(c.provider()), c.resource()), receipt);
    }

    /** The issued receipts per provider and resource, for {@code /rewards}. */
    List<Object> document() {
        List<Object> rows = new ArrayList<>();
        latest.forEach((slot, receipt) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("provider", slot.provider().value());
            row.put("resource", slot.resource().toString());
            row.put("amount", receipt.claim().amount());
            row.put("end-ms", receipt.claim().endMillis());
            rows.add(row);
        });
        return rows;
    }
}
