package io.smartshare.contracts.metering;

import java.util.Arrays;
import java.util.Optional;

/** A metered resource, with its wire code and unit (docs/contracts.md §2). */
public enum Resource {
    /** Bytes relayed from the consumer towards the mesh or uplink. */
    RELAY_UP(1, "relay.up", "B"),
    /** Bytes relayed to the consumer. */
    RELAY_DOWN(2, "relay.down", "B"),
    /** Storage held for the consumer, in megabyte-seconds. */
    STORAGE(3, "storage", "MB*s"),
    /** CPU time spent for the consumer, in milliseconds (compute: 10,000 instructions a millisecond). */
    CPU(4, "cpu", "ms");

    private final int code;
    private final String label;
    private final String unit;

    Resource(int code, String label, String unit) {
        this.code = code;
        this.label = label;
        this.unit = unit;
    }

    /** The code used in CBOR documents. */
    public int code() {
        return code;
    }

    /** The unit of amounts of this resource. */
    public String unit() {
        return unit;
    }

    /**
     * True if the consumer pays only what it verified, so a receipt may claim less than the
     * provider metered: {@code storage} (audits, docs/contracts.md §16.3) and {@code cpu}
     * (re-execution, §17.3).
     */
    public boolean paidAsVerified() {
        return this == STORAGE || this == CPU;
    }

    /** The resource with wire code {@code code}, if defined. */
    public static Optional<Resource> ofCode(long code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
