package io.smartshare.node.sensors;

import io.smartshare.hal.Subscription;
import io.smartshare.hal.sensor.Quantity;
import io.smartshare.hal.sensor.Reading;
import io.smartshare.hal.sensor.Sensor;
import io.smartshare.hal.sensor.Sensors;
import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.californium.core.coap.CoAP;

/**
 * {@code /sensors/ID}, observable: the sensor's driver, quantities and latest good
 * readings (value, unit, time in ms since the epoch). Observers are notified when a reading
 * changes; the readings of one poll arrive together, so notifications are coalesced over
 * {@value #COALESCE_MILLIS} ms.
 */
final class SensorResource extends DocumentResource {
    static final long COALESCE_MILLIS = 200;

    private final Sensor sensor;
    private final Sensors sensors;
    private final Subscription subscription;
    private final AtomicBoolean pending = new AtomicBoolean();

    SensorResource(Sensor sensor, Sensors sensors, ScheduledExecutorService scheduler) {
        super(sensor.id(), "smartshare.sensor", "core.s");
        this.sensor = sensor;
        this.sensors = sensors;
        setObservable(true);
        setObserveType(CoAP.Type.NON);
        getAttributes().setObservable();
        this.subscription = sensors.listen(sensor.id(), reading -> {
            if (pending.compareAndSet(false, true)) {
                scheduler.schedule(() -> {
                    pending.set(false);
                    changed();
                }, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        return describe(sensor, sensors);
    }

    static Map<String, Object> describe(Sensor sensor, Sensors sensors) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", sensor.id());
        doc.put("driver", sensor.driver());
        List<Object> quantities = new ArrayList<>();
        for (Quantity quantity : sensor.quantities()) {
            quantities.add(quantity.label());
        }
        doc.put("quantities", quantities);
        List<Object> readings = new ArrayList<>();
        for (Reading reading : sensors.latest(sensor.id()).orElse(List.of())) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("quantity", reading.quantity().label());
            entry.put("value", reading.value());
            entry.put("unit", reading.unit());
            entry.put("at-millis", reading.at().toEpochMilli());
            readings.add(entry);
        }
        doc.put("readings", readings);
        return doc;
    }

    void close() {
        subscription.close();
    }
}
