package io.smartshare.node.metering;

import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.scheduling.PeriodicTask;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The board's meters, read every {@code metering-interval-seconds} (a setting) and appended to
 * the ledger ({@link LedgerMetering}, on the node's work thread); {@code /metrics} shows them
 * under {@code meters}, with the intervals missed while the ledger could not be written. A
 * {@link MeteredInterval} is published per interval. No config keys.
 */
public final class MeteringService implements NodeService {
    private Optional<PeriodicTask> task = Optional.empty();

    @Override
    public String name() {
        return "metering";
    }

    @Override
    public void start(NodeContext context) {
        BoardMeters meters = new BoardMeters(context.board());
        LedgerMetering metering = new LedgerMetering(meters, context.ledger(), context.ledgerWritable(),
                context.events()::publish);
        metering.takeBaseline();
        task = Optional.of(context.scheduler().everyBlocking("ledger-metering",
                () -> Duration.ofSeconds(context.settings().current().meteringIntervalSeconds()),
                metering::appendInterval));
        context.addMetrics("meters", () -> {
            Map<String, Object> doc = new LinkedHashMap<>(meters.document());
            doc.put("missed-metering-intervals", metering.missedIntervals());
            return doc;
        });
    }

    @Override
    public void stop() {
        task.ifPresent(PeriodicTask::cancel);
    }
}
