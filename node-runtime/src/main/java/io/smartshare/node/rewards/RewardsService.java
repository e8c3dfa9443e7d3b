package io.smartshare.node.rewards;

import io.smartshare.hal.config.ConfigException;
import io.smartshare.node.config.RewardsConfig;
import io.smartshare.node.config.RewardsConfigReader;
import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.ServiceConfig;
import java.util.Optional;
import java.util.Set;

/**
 * Rewards as a service: receipts, payment channels and {@code /rewards} ({@link Rewards}),
 * after the mesh when it runs (its neighbours are whom receipts are exchanged with) and the
 * uplink when it runs (the tunnel's counters are relay service too, {@code TunnelMeter}). Its
 * section of the operator config is {@code rewards:} ({@link RewardsConfigReader}).
 */
public final class RewardsService implements NodeService {
    private RewardsConfig config;
    private Optional<Rewards> rewards = Optional.empty();

    @Override
    public String name() {
        return "rewards";
    }

    @Override
    public Set<String> after() {
        return Set.of("mesh", "uplink");
    }

    @Override
    public Activation configure(ServiceConfig serviceConfig) {
        config = RewardsConfigReader.read(serviceConfig.section());
        return Activation.run();
    }

    /** Starts rewards; a damaged state file in the data dir stops the start. */
    @Override
    public void start(NodeContext context) {
        try {
            rewards = Optional.of(Rewards.start(context, config));
        } catch (ConfigException e) {
            throw new IllegalStateException("rewards state in the data dir is damaged: " + e.getMessage()
                    + " (move the file away to start from zero: receipts are then refused until counters catch up)", e);
        }
    }

    @Override
    public void stop() throws Exception {
        if (rewards.isPresent()) {
            rewards.get().close();
        }
    }
}
