package io.smartshare.node.sensors;

import io.smartshare.hal.sensor.Sensor;
import io.smartshare.hal.sensor.Sensors;
import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code /sensors}: every sensor of the board with its latest readings; each sensor is also
 * its own observable child, {@code /sensors/ID} ({@link SensorResource}).
 */
public final class SensorsResource extends DocumentResource {
    private final Sensors sensors;
    private final List<SensorResource> children = new ArrayList<>();

    /** Mounts one child per sensor; their notifications are coalesced on {@code scheduler}. */
    public SensorsResource(Sensors sensors, ScheduledExecutorService scheduler) {
        super("sensors", "smartshare.sensors", "core.rp");
        this.sensors = sensors;
        for (Sensor sensor : sensors.list()) {
            SensorResource child = new SensorResource(sensor, sensors, scheduler);
            children.add(child);
            add(child);
        }
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        List<Object> list = new ArrayList<>();
        for (Sensor sensor : sensors.list()) {
            list.add(SensorResource.describe(sensor, sensors));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sensors", list);
        return doc;
    }

    /** Stops the children's notifications. */
    public void close() {
        children.forEach(SensorResource::close);
    }
}
