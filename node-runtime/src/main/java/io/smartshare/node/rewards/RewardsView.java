package io.smartshare.node.rewards;

import java.util.Map;
import java.util.function.Supplier;

/**
 * What the rewards service offers services that start after it ({@code NodeContext.find}),
 * read when asked: the MQTT service publishes the document, the fleet service summarises the
 * earnings.
 *
 * @param document the {@code /rewards} document now
 * @param earnings what the node earned in the epoch not yet settled, and carried
 */
public record RewardsView(Supplier<Map<String, Object>> document, Supplier<Earnings> earnings) {
}
