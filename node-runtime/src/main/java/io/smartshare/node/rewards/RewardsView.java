package io.smartshare.node.rewards;

import io.smartshare.node.config.RewardsConfig;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the rewards service offers services that start after it ({@code NodeContext.find}),
 * read when asked: the MQTT service publishes the document, the fleet service summarises the
 * earnings, the beacon settles with its schedule.
 *
 * @param document the {@code /rewards} document now
 * @param earnings what the node earned in the epoch not yet settled, and carried
 * @param config the issuers the operator trusts and the reward schedule (the beacon settles with them)
 */
public record RewardsView(Supplier<Map<String, Object>> document, Supplier<Earnings> earnings, RewardsConfig config) {
}
