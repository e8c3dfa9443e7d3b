package io.smartshare.node.sensors;

import io.smartshare.node.lifecycle.Activation;
import io.smartshare.node.lifecycle.NodeContext;
import io.smartshare.node.lifecycle.NodeService;
import io.smartshare.node.lifecycle.ServiceConfig;
import java.util.Optional;

/**
 * The board's sensors over CoAP: {@code /sensors} and one observable child per sensor. Runs
 * when the board file lists sensors. No config keys.
 */
public final class SensorsService implements NodeService {
    private Optional<SensorsResource> resource = Optional.empty();

    @Override
    public String name() {
        return "sensors";
    }

    @Override
    public Activation configure(ServiceConfig config) {
        return config.board().sensors().isEmpty() ? Activation.off("the board file lists no sensors") : Activation.run();
    }

    @Override
    public void start(NodeContext context) {
        SensorsResource sensors = new SensorsResource(context.board().sensors(), context.scheduler().timer());
        resource = Optional.of(sensors);
        context.coap().root().add(sensors);
    }

    @Override
    public void stop() {
        resource.ifPresent(SensorsResource::close);
    }
}
