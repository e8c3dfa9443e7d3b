package io.smartshare.node.config;

import io.smartshare.hal.config.ConfigMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings an authorised operator may change at run time through {@code /config}.
 *
 * @param label a human name for the node, shown in {@code /node} (at most 64 characters)
 * @param metricsIntervalSeconds how often observers of {@code /metrics} are notified
 * @param meteringIntervalSeconds how often the node appends what it metered to its ledger
 * @param shareBandwidth whether the node relays traffic for its neighbours
 * @param shareStorage whether the node offers storage to its neighbours
 * @param shareCpu whether the node offers compute to its neighbours
 */
public record NodeSettings(String label, int metricsIntervalSeconds, int meteringIntervalSeconds,
        boolean shareBandwidth, boolean shareStorage, boolean shareCpu) {
    static final int MAX_LABEL = 64;

    public NodeSettings {
        if (label.length() > MAX_LABEL) {
            throw new IllegalArgumentException("label: at most " + MAX_LABEL + " characters");
        }
        if (metricsIntervalSeconds < 1 || metricsIntervalSeconds > 3600) {
            throw new IllegalArgumentException("metrics-interval-seconds: expected 1 to 3600");
        }
        if (meteringIntervalSeconds < 1 || meteringIntervalSeconds > 3600) {
            throw new IllegalArgumentException("metering-interval-seconds: expected 1 to 3600");
        }
    }

    /**
     * The settings of a node nobody configured: relays, offers nothing else, notifies
     * every 10 s, meters into its ledger every 60 s.
     */
    public static NodeSettings defaults() {
        return new NodeSettings("", 10, 60, true, false, false);
    }

    /**
     * Reads a settings section: every key is optional and falls back to {@code base}; an
     * unknown key or a wrong value is a {@link io.smartshare.hal.config.ConfigException}.
     */
    public static NodeSettings read(ConfigMap map, NodeSettings base) {
        String label = map.optionalString("label").orElse(base.label());
        if (label.length() > MAX_LABEL) {
            throw map.invalid("label", "expected at most " + MAX_LABEL + " characters, found " + label.length());
        }
        NodeSettings settings = new NodeSettings(label,
                map.optionalInteger("metrics-interval-seconds", 1, 3600).map(Long::intValue)
                        .orElse(base.metricsIntervalSeconds()),
                map.optionalInteger("metering-interval-seconds", 1, 3600).map(Long::intValue)
                        .orElse(base.meteringIntervalSeconds()),
                map.optionalBoolean("share-bandwidth").orElse(base.shareBandwidth()),
                map.optionalBoolean("share-storage").orElse(base.shareStorage()),
                map.optionalBoolean("share-cpu").orElse(base.shareCpu()));
        map.requireNoOtherKeys();
        return settings;
    }

    /** The document form, as served by {@code /config} and stored in the data dir. */
    public Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("label", label);
        doc.put("metrics-interval-seconds", metricsIntervalSeconds);
        doc.put("metering-interval-seconds", meteringIntervalSeconds);
        doc.put("share-bandwidth", shareBandwidth);
        doc.put("share-storage", shareStorage);
        doc.put("share-cpu", shareCpu);
        return doc;
    }
}
