package io.smartshare.ledger.record;

import io.smartshare.ledger.cbor.CborWriter;
import io.smartshare.ledger.cbor.CborReader;
import java.util.Objects;

/**
 * A resource meter reading: {@code quantity} {@code unit}s of {@code resource} served over
 * {@code periodMillis}, e.g. {@code ("net.tx", 1500, "B", 60000)}.
 */
public record MeteringSample(String resource, long quantity, String unit, long periodMillis) implements RecordBody {
    /** The type code of this body. */
    public static final int TYPE = 1;

    public MeteringSample {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(unit, "unit");
        if (resource.isEmpty()) {
            throw new RecordException("metering sample: field resource: expected a name, found empty text");
        }
        if (quantity < 0 || periodMillis < 0) {
            throw new RecordException("metering sample: quantity and period must be >= 0, found " + quantity
                    + " and " + periodMillis);
        }
    }

    @Override
    public int typeCode() {
        return TYPE;
    }

    @Override
    public void write(CborWriter w) {
        w.writeMapHeader(4).writeUint(0).writeText(resource).writeUint(1).writeUint(quantity).writeUint(2)
                .writeText(unit).writeUint(3).writeUint(periodMillis);
    }

    static MeteringSample read(CborReader reader) {
        Fields f = Fields.of(reader, "metering sample", 4);
        return new MeteringSample(f.text("resource"), f.uint("quantity"), f.text("unit"), f.uint("period"));
    }
}
