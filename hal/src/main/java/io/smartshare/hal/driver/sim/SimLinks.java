package io.smartshare.hal.driver.sim;

import io.smartshare.hal.board.LinkSpec;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.meter.IpLink;
import io.smartshare.hal.meter.IpLinks;
import java.util.ArrayList;
import java.util.List;

/** Links that are always up, with byte counters growing at 20 to 200 kB/s, fixed per link by the seed. */
final class SimLinks implements IpLinks {
    private static final double MIN_RATE = 20_000;
    private static final double RATE_SPAN = 180_000;
    private static final double PERIOD_SECONDS = 60;

    private final List<Link> links = new ArrayList<>();
    private final SimDriver driver;

    SimLinks(List<LinkSpec> interfaces, SimDriver driver) {
        this.driver = driver;
        for (LinkSpec spec : interfaces) {
            links.add(new Link(spec.name(), spec.role(),
                    new Ramp(MIN_RATE + RATE_SPAN * driver.fraction(spec.name() + "/rx"), PERIOD_SECONDS),
                    new Ramp(MIN_RATE + RATE_SPAN * driver.fraction(spec.name() + "/tx"), PERIOD_SECONDS)));
        }
    }

    @Override
    public List<IpLink> list() {
        double t = driver.elapsedSeconds();
        return links.stream().map(link -> new IpLink(link.name, link.role, true, link.rx.at(t), link.tx.at(t))).toList();
    }

    @Override
    public DriverHealth health() {
        return DriverHealth.up("net", SimDriver.NAME);
    }

    private record Link(String name, LinkSpec.Role role, Ramp rx, Ramp tx) {
    }
}
