package io.smartshare.node.lifecycle;

import io.smartshare.hal.health.DriverHealth;
import io.smartshare.node.coap.ServiceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's services at run time: started in the plan's order, stopped in reverse; the
 * state of each for {@code /health}. Thread-safe.
 */
public final class RunningServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningServices.class);

    private final ServicePlan plan;
    private final List<NodeService> started = new ArrayList<>();
    private final Map<String, String> states = new ConcurrentHashMap<>();
    /** Services the plan started that turned out to be off ({@link ServiceOffException}), with why. */
    private final Map<String, String> offAtStart = new ConcurrentHashMap<>();

    /** Services of {@code plan}, none started yet. */
    public RunningServices(ServicePlan plan) {
        this.plan = plan;
    }

    /**
     * Starts every service of the plan on {@code context}, in order.
     *
     * @throws ServiceStartException naming the first service that failed, after stopping those started before it
     */
    public void start(NodeContext context) {
        plan.off().forEach(RunningServices::logOff);
        for (NodeService service : plan.order()) {
            Optional<String> offNeed = service.needs().stream().filter(offAtStart::containsKey).findFirst();
            if (offNeed.isPresent()) {
                off(service, "needs the " + offNeed.get() + " service, which does not run (" + offAtStart.get(offNeed.get())
                        + ")");
                continue;
            }
            states.put(service.name(), "starting");
            try {
                service.start(context);
            } catch (ServiceOffException e) {
                stopQuietly(service, null);
                off(service, e.getMessage());
                continue;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                states.put(service.name(), "failed");
                ServiceStartException failure = new ServiceStartException(service.name(), e);
                stopQuietly(service, failure);
                close(failure);
                throw failure;
            }
            synchronized (started) {
                started.add(service);
            }
            states.put(service.name(), "running");
            LOG.info("event=service-started service={}", service.name());
        }
    }

    private void off(NodeService service, String reason) {
        offAtStart.put(service.name(), reason);
        logOff(service.name(), reason);
    }

    private static void logOff(String service, String reason) {
        LOG.info("event=service-off service={} reason=\"{}\"", service, reason);
    }

    /** Each service with its state, in the order they were found. */
    public List<ServiceStatus> statuses() {
        List<ServiceStatus> all = new ArrayList<>();
        for (String name : plan.names()) {
            String reason = plan.off().getOrDefault(name, offAtStart.get(name));
            all.add(reason != null ? new ServiceStatus(name, "off", reason)
                    : new ServiceStatus(name, states.getOrDefault(name, "stopped"), ""));
        }
        return all;
    }

    /** The components of every running service, for {@code /health}. */
    public List<DriverHealth> health() {
        List<DriverHealth> all = new ArrayList<>();
        synchronized (started) {
            for (NodeService service : started) {
                all.addAll(service.health());
            }
        }
        return all;
    }

    /** Stops the started services, last first. */
    @Override
    public void close() {
        close(null);
    }

    private void close(Exception failure) {
        List<NodeService> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            stopQuietly(toStop.get(i), failure);
        }
    }

    private void stopQuietly(NodeService service, Exception failure) {
        try {
            service.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                failure.addSuppressed(e);
            }
            LOG.warn("event=service-stop-problem service={} error=\"{}\"", service.name(), e.toString());
        }
        if (!"failed".equals(states.get(service.name()))) {
            states.put(service.name(), "stopped");
        }
    }
}
