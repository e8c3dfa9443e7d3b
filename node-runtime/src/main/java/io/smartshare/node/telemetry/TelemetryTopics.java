package io.smartshare.node.telemetry;

import io.smartshare.node.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The topics a node publishes under and their payloads (docs/mqtt.md, "Topics"): {@code
 * smartshare/<node-id>/status} (retained: {@code online} with the node's board and version,
 * or {@code offline}, the last will), {@code …/metrics} (the {@code /metrics} document),
 * {@code …/rewards} (the {@code /rewards} document), {@code …/events} (one event of the
 * node's event bus) and, under each member's own id, {@code smartshare/<member>/summary} (its
 * fleet summary, from this node as its gateway). JSON, UTF-8.
 */
final class TelemetryTopics {
    static final String ROOT = "smartshare";

    private final String node;
    private final String board;
    private final String version;
    private final LongSupplier clock;

    TelemetryTopics(String node, String board, String version, LongSupplier clock) {
        this.node = node;
        this.board = board;
        this.version = version;
        this.clock = clock;
    }

    String status() {
        return ROOT + "/" + node + "/status";
    }

    String metrics() {
        return ROOT + "/" + node + "/metrics";
    }

    String rewards() {
        return ROOT + "/" + node + "/rewards";
    }

    String events() {
        return ROOT + "/" + node + "/events";
    }

    /** Where {@code member}'s fleet summary goes: under its own id, whoever publishes it. */
    String summary(String member) {
        return ROOT + "/" + member + "/summary";
    }

    /** Where the shard's beacon checkpoints go: {@code smartshare/shard/<shard-id>/beacon}, retained. */
    String beacon(String shardId) {
        return ROOT + "/shard/" + shardId + "/beacon";
    }

    /** A closed epoch of shard {@code shardId} as this member knows it ({@code via}: this node). */
    byte[] beacon(String shardId, Map<String, Object> closed) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("shard", shardId);
        doc.putAll(closed);
        doc.put("via", node);
        doc.put("at", clock.getAsLong());
        return json(doc);
    }

    byte[] online() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("node", node);
        doc.put("state", "online");
        doc.put("board", board);
        doc.put("version", version);
        doc.put("at", clock.getAsLong());
        return json(doc);
    }

    byte[] offline() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("node", node);
        doc.put("state", "offline");
        return json(doc);
    }

    /** The {@code seq}-th metrics message since the node started (a gap in seq is a message lost or dropped). */
    byte[] metrics(long seq, Map<String, Object> metrics) {
        Map<String, Object> doc = stamped();
        doc.put("seq", seq);
        doc.put("metrics", metrics);
        return json(doc);
    }

    byte[] rewards(Map<String, Object> rewards) {
        Map<String, Object> doc = stamped();
        doc.put("rewards", rewards);
        return json(doc);
    }

    byte[] event(String type, Map<String, Object> fields) {
        Map<String, Object> doc = stamped();
        doc.put("type", type);
        doc.putAll(fields);
        return json(doc);
    }

    /** A member's fleet summary as this node, its gateway, reports it ({@code via}: this node). */
    byte[] summary(Map<String, Object> member) {
        Map<String, Object> doc = new LinkedHashMap<>(member);
        doc.put("via", node);
        doc.put("at", clock.getAsLong());
        return json(doc);
    }

    /** What metrics, rewards and events begin with: the node and the time. */
    private Map<String, Object> stamped() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("node", node);
        doc.put("at", clock.getAsLong());
        return doc;
    }

    private static byte[] json(Map<String, Object> doc) {
        return Json.write(doc).getBytes(StandardCharsets.UTF_8);
    }
}
