package io.smartshare.hal.meter;

import io.smartshare.hal.health.DriverHealth;
import java.util.List;
import java.util.Optional;

/**
 * The board's metered IP interfaces: the ones its board file lists that exist now.
 * Byte counts only grow; an interface that vanishes (a USB dongle pulled, a PPP link
 * dropped) leaves the list, and when it comes back its count continues from where it was.
 */
public interface IpLinks {
    /** The metered interfaces present now, in kernel order. */
    List<IpLink> list() throws MeterException;

    /** One interface by name, if it is metered and present. */
    default Optional<IpLink> get(String name) throws MeterException {
        return list().stream().filter(link -> link.name().equals(name)).findFirst();
    }

    /** Whether the last read worked. */
    DriverHealth health();
}
