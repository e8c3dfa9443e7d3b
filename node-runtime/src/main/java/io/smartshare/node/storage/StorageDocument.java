package io.smartshare.node.storage;

import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.ledger.identity.NodeId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code GET /storage} and the {@code storage} section of {@code /metrics} (docs/storage.md,
 * "What a node shows"), built on the CoAP thread from snapshots the stores publish at every
 * change: never waits for a disk write.
 */
final class StorageDocument {
    private final HeldContents held;
    private final long shareBytes;
    private final OwnedContents owned;
    private final OwnerTransfers transfers;
    private final Auditor auditor;
    private final LongSupplier clock;

    StorageDocument(HeldContents held, long shareBytes, OwnedContents owned, OwnerTransfers transfers, Auditor auditor,
            LongSupplier clock) {
        this.held = held;
        this.shareBytes = shareBytes;
        this.owned = owned;
        this.transfers = transfers;
        this.auditor = auditor;
        this.clock = clock;
    }

    /** The whole document: the share, what is held for others, what is stored on others. */
    Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("share-bytes", shareBytes);
        List<HeldContents.Row> heldRows = held.rows();
        doc.put("used-bytes", heldRows.stream().mapToLong(r -> r.terms().size()).sum());
        List<Object> rows = new ArrayList<>();
        heldRows.forEach(h -> {
            Map<String, Object> row = terms(h.terms());
            row.put("owner", NodeId.of(h.terms().owner()).value());
            row.put("received-leaves", h.received());
            h.completeSince().ifPresent(since -> row.put("complete-since-ms", since));
            rows.add(row);
        });
        doc.put("held", rows);
        List<Object> mine = new ArrayList<>();
        for (Owned o : owned.all()) {
            Map<String, Object> row = terms(o.terms());
            row.put("holder", NodeId.of(o.terms().holder()).value());
            row.put("file", o.file());
            row.put("file-bytes", o.plainSize());
            row.put("state", o.deleted() ? "deleted" : o.stopped().isPresent() ? "stopped"
                    : o.uploaded() ? "stored" : "uploading");
            transfers.progress(o.terms().idHex()).ifPresent(p -> row.put("progress", p));
            row.put("audits", Map.of("passed", o.passed(), "failed", o.failed(), "missed", o.missed()));
            o.stopped().ifPresent(reason -> row.put("stopped", reason));
            row.put("paid-mb-s", o.paid().megabyteSeconds());
            long byteSeconds = o.paid().megabyteSeconds() > Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE
                    : o.paid().megabyteSeconds() * 1_000_000;
            row.put("owed-micro-tokens", o.terms().price().due(byteSeconds));
            mine.add(row);
        }
        doc.put("owned", mine);
        doc.put("answers-refused", auditor.refusedAnswers());
        doc.put("at-ms", clock.getAsLong());
        return doc;
    }

    private static Map<String, Object> terms(StorageTerms terms) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", terms.idHex());
        row.put("root", HexFormat.of().formatHex(terms.root()));
        row.put("bytes", terms.size());
        row.put("leaves", terms.leaves());
        row.put("until", terms.end());
        row.put("audit-seconds", terms.auditSeconds());
        return row;
    }

    /**
     * The {@code storage} section of {@code /metrics} (and so of {@code status}): the share and
     * what is used of it, what this node holds for others and has earned for it ({@code
     * held-mb-s}, the meter's provided {@code storage}), what it stores on others and what their
     * audits proved ({@code proven-mb-s}), and the audits that failed or were missed.
     */
    Map<String, Object> metrics() {
        long used = 0;
        for (HeldContents.Row row : held.rows()) {
            used += row.terms().size();
        }
        BigInteger heldByteMillis = BigInteger.ZERO;
        for (BigInteger byteMillis : held.heldByteMillis(clock.getAsLong()).values()) {
            heldByteMillis = heldByteMillis.add(byteMillis);
        }
        long owned = 0;
        long proven = 0;
        long failed = 0;
        long missed = 0;
        for (Owned o : this.owned.all()) {
            owned += o.deleted() ? 0 : 1;
            proven += o.paid().megabyteSeconds();
            failed += o.failed();
            missed += o.missed();
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("share-bytes", shareBytes);
        section.put("used-bytes", used);
        section.put("held", held.rows().size());
        section.put("held-mb-s", heldByteMillis.divide(BigInteger.valueOf(1_000_000_000L))
                .min(BigInteger.valueOf(Long.MAX_VALUE)).longValue());
        section.put("owned", owned);
        section.put("proven-mb-s", proven);
        section.put("audits-failed", failed);
        section.put("audits-missed", missed);
        section.put("answers-refused", auditor.refusedAnswers());
        return section;
    }
}
