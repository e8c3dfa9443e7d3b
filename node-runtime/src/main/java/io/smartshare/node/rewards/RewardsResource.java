package io.smartshare.node.rewards;

import io.smartshare.contracts.metering.MeterInterval;
import io.smartshare.contracts.metering.MeterKey;
import io.smartshare.contracts.schedule.MicroTokens;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.config.RewardsConfig;
import io.smartshare.node.metering.PeerMeter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /rewards}: the reward schedule in force (if the operator configured one), the
 * receipts this node accepted as provider (latest cumulative amount and count per consumer and
 * resource), the receipts it signed as consumer and how many of them await their provider's
 * answer, what it earned in the epoch not yet settled (an estimate, {@link Earnings}), its payment channels (closed ones are settled at the next epoch), its last
 * metering interval, and the latest
 * epoch result settled with this data dir ({@link SettlementRecord}).
 */
final class RewardsResource extends DocumentResource {
    private static final Comparator<MeterKey> KEY_ORDER = Comparator.comparing((MeterKey k) -> NodeId.of(k.peer()).value())
            .thenComparing(MeterKey::resource).thenComparing(MeterKey::role);

    private final RewardsConfig config;
    private final ReceiptDesk desk;
    private final ReceiptRound round;
    private final ChannelDesk channels;
    private final PeerMeter meter;
    private final Path dataDir;
    private final Supplier<Earnings> earnings;

    RewardsResource(RewardsConfig config, ReceiptDesk desk, ReceiptRound round, ChannelDesk channels, PeerMeter meter,
            Path dataDir, Supplier<Earnings> earnings) {
        super("rewards", "smartshare.rewards", "core.s");
        this.config = config;
        this.desk = desk;
        this.round = round;
        this.channels = channels;
        this.meter = meter;
        this.dataDir = dataDir;
        this.earnings = earnings;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("trusted-issuers", config.trustedIssuers().size());
        config.schedule().ifPresent(s -> doc.put("schedule", schedule(s)));
        doc.put("accepted", desk.document());
        doc.put("issued", round.document());
        doc.put("unanswered", round.unanswered());
        doc.put("earnings", earnings.get().document());
        doc.put("channels", channels.document());
        meter.lastInterval().ifPresent(i -> doc.put("last-interval", interval(i)));
        SettlementRecord.document(dataDir).ifPresent(s -> doc.put("settlement", s));
        return doc;
    }

    private static Map<String, Object> schedule(VerifiedSchedule verified) {
        RewardSchedule s = verified.schedule();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", HexFormat.of().formatHex(verified.id()));
        doc.put("issuer", NodeId.of(verified.issuer()).value());
        doc.put("version", s.version());
        doc.put("valid-from-epoch", s.validFromEpoch());
        doc.put("pool-micro-tokens", s.pool());
        doc.put("pool-tokens", MicroTokens.tokens(s.pool()));
        List<Object> terms = new ArrayList<>();
        s.terms().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("resource", e.getKey().toString());
            t.put("rate", e.getValue().rate());
            t.put("unit", e.getValue().unit());
            t.put("cap", e.getValue().cap());
            terms.add(t);
        });
        doc.put("terms", terms);
        return doc;
    }

    private static Map<String, Object> interval(MeterInterval interval) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("start-ms", interval.startMillis());
        doc.put("end-ms", interval.endMillis());
        List<Object> rows = new ArrayList<>();
        interval.increase().entrySet().stream().sorted(Map.Entry.comparingByKey(KEY_ORDER)).forEach(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("peer", NodeId.of(e.getKey().peer()).value());
            row.put("resource", e.getKey().resource().toString());
            row.put("role", e.getKey().role().name().toLowerCase(Locale.ROOT));
            row.put("amount", e.getValue());
            rows.add(row);
        });
        doc.put("increase", rows);
        return doc;
    }
}
