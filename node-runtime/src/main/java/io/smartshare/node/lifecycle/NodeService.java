package io.smartshare.node.lifecycle;

import io.smartshare.hal.health.DriverHealth;
import java.util.List;
import java.util.Set;

/**
 * A capability of the node: the mesh, rewards, uplink sharing, storage, compute, telemetry.
 * The node finds its services with {@link java.util.ServiceLoader} (each is listed in {@code
 * META-INF/services/io.smartshare.node.lifecycle.NodeService}), so adding one never means
 * editing the daemon or another service. One instance serves one node, in this order:
 * <ol>
 * <li>{@link #configure}: read the service's own section of the operator config (named
 *     {@link #name()}) and the board, and say whether it runs. Nothing is running yet, so a bad
 *     key stops the start before any port is bound; keys the service did not read fail with
 *     file, line and key.</li>
 * <li>{@link #start}, after every service it {@link #needs} or starts {@link #after}: mount
 *     CoAP resources, subscribe to events, schedule tasks, add metering counters and metrics,
 *     all through the {@link NodeContext}.</li>
 * <li>{@link #health} whenever {@code /health} is read, then {@link #stop} in reverse start
 *     order.</li>
 * </ol>
 */
public interface NodeService {
    /** The service's name: its section of the operator config and its entry in {@code /health}. */
    String name();

    /** Services that must run, and start first, for this one to run; when one does not, this one does not either. */
    default Set<String> needs() {
        return Set.of();
    }

    /** Services that start first when they run, but are not needed. */
    default Set<String> after() {
        return Set.of();
    }

    /**
     * Reads the service's section (empty when the operator config has none) and the board, and
     * decides whether the service runs; by default the service has no keys and always runs.
     *
     * @throws io.smartshare.hal.config.ConfigException naming file, line and key of a bad value
     */
    default Activation configure(ServiceConfig config) {
        return Activation.run();
    }

    /**
     * Starts the service on a running node.
     *
     * @throws Exception with a reason an operator can act on; the node then stops what started
     *     before, names this service and exits with {@link ServiceStartException#EXIT_CODE}
     */
    void start(NodeContext context) throws Exception;

    /** The service's components in {@code /health}; none beyond its running state by default. */
    default List<DriverHealth> health() {
        return List.of();
    }

    /**
     * Stops what {@link #start} started: once, in reverse start order; also when a later
     * service failed to start, and after this service's own start threw (so it must stop
     * whatever part of it did start).
     */
    void stop() throws Exception;
}
