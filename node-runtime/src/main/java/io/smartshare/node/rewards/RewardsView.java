package io.smartshare.node.rewards;

import java.util.Map;
import java.util.function.Supplier;

/**
 * What the rewards service offers services that start after it ({@code NodeContext.find}):
 * the document {@code GET /rewards} answers, read when asked (the MQTT service publishes it).
 *
 * @param document the {@code /rewards} document now
 */
public record RewardsView(Supplier<Map<String, Object>> document) {
}
