package io.smartshare.node.beacon;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the beacon service offers services that start after it (the MQTT service publishes
 * beacon checkpoints under {@code smartshare/shard/<shard-id>/beacon}): the shard, and the
 * epochs this member knows closed, oldest first, each as {@code {"epoch", "beacon-log",
 * "log-size", "root", "cosigners", "result-sha256", "members"}} (members: whose checkpoints the result rests on), read when asked.
 *
 * @param shardId the shard's id
 * @param closed the closed epochs now
 */
public record BeaconView(String shardId, Supplier<List<Map<String, Object>>> closed) {
}
