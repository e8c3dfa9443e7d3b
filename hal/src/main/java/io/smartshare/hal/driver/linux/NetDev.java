package io.smartshare.hal.driver.linux;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One parse of {@code /proc/net/dev}. Parsing is defensive: kernels from 2.6 to 6.x and
 * vendor kernels differ in spacing (no space after the colon on old ones) and some lines
 * can be cut or garbled; such lines are sorted out rather than failing the whole file.
 *
 * @param counters receive and transmit bytes of each readable interface, in file order
 * @param unreadable interfaces whose line named them but held no valid byte counters
 * @param garbageLines lines that named no interface at all
 */
record NetDev(Map<String, Counters> counters, Set<String> unreadable, int garbageLines) {
    /** Receive and transmit bytes as the kernel printed them: unsigned 64-bit values. */
    record Counters(long rxBytes, long txBytes) {
    }

    private static final int RX_BYTES = 0;
    private static final int TX_BYTES = 8;

    static NetDev parse(String text) {
        Map<String, Counters> counters = new LinkedHashMap<>();
        Set<String> unreadable = new LinkedHashSet<>();
        int garbage = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.indexOf('|') >= 0) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim();
            if (name.isEmpty() || name.indexOf(' ') >= 0) {
                garbage++;
                continue;
            }
            String[] fields = line.substring(colon + 1).trim().split("\\s+");
            if (fields.length <= TX_BYTES) {
                unreadable.add(name);
                continue;
            }
            long[] values = unsignedValues(fields);
            if (values.length == 0) {
                unreadable.add(name);
            } else {
                counters.put(name, new Counters(values[RX_BYTES], values[TX_BYTES]));
            }
        }
        return new NetDev(Collections.unmodifiableMap(counters), Collections.unmodifiableSet(unreadable), garbage);
    }

    /** All fields as unsigned 64-bit values; empty if any is not one (a garbled line is not trusted at all). */
    private static long[] unsignedValues(String[] fields) {
        long[] values = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            try {
                values[i] = Long.parseUnsignedLong(fields[i]);
            } catch (NumberFormatException e) {
                return new long[0];
            }
        }
        return values;
    }
}
