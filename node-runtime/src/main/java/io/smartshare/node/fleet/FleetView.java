package io.smartshare.node.fleet;

import java.util.List;
import java.util.function.Supplier;

/**
 * What the fleet service offers services that start after it (the MQTT service publishes
 * the members' summaries under their own ids): the node itself first, then the members its
 * mesh routes down to when it is a gateway, read when asked.
 *
 * @param members the members now
 */
public record FleetView(Supplier<List<FleetMember>> members) {
}
