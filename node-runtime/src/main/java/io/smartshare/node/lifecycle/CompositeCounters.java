package io.smartshare.node.lifecycle;

import io.smartshare.contracts.metering.MeterKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The counters of every metering service, summed per key. */
final class CompositeCounters implements ServiceCounters {
    private final List<ServiceCounters> parts = new CopyOnWriteArrayList<>();

    void add(ServiceCounters counters) {
        parts.add(counters);
    }

    @Override
    public Map<MeterKey, Long> cumulative(long atMillis) {
        Map<MeterKey, Long> sum = new HashMap<>();
        for (ServiceCounters part : parts) {
            part.cumulative(atMillis).forEach((key, value) -> sum.merge(key, value, Long::sum));
        }
        return Map.copyOf(sum);
    }
}
