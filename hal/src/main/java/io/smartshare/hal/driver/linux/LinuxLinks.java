package io.smartshare.hal.driver.linux;

import io.smartshare.hal.board.LinkSpec;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.health.HealthRecorder;
import io.smartshare.hal.meter.IpLink;
import io.smartshare.hal.meter.IpLinks;
import io.smartshare.hal.meter.MeterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The board's interfaces from {@code /proc/net/dev}, with link state from {@code /sys/class/net}. */
final class LinuxLinks implements IpLinks {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxLinks.class);
    private static final int IFF_UP = 0x1;
    private static final String LOOPBACK = "lo";

    private final Path netDev;
    private final Path sysClassNet;
    private final List<LinkSpec> selection;
    private final Map<String, LinkCounters> counters = new HashMap<>();
    private final HealthRecorder health = new HealthRecorder("net", LinuxDriver.NAME);

    LinuxLinks(Path netDev, Path sysClassNet, List<LinkSpec> selection) {
        this.netDev = netDev;
        this.sysClassNet = sysClassNet;
        this.selection = List.copyOf(selection);
    }

    @Override
    public synchronized List<IpLink> list() throws MeterException {
        String text;
        try {
            text = Files.readString(netDev, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            health.degraded("cannot read " + netDev + ": " + e.getMessage());
            throw new MeterException("cannot read " + netDev + ": " + e.getMessage(), e);
        }
        NetDev dev = NetDev.parse(text);
        List<IpLink> links = new ArrayList<>();
        for (Map.Entry<String, NetDev.Counters> entry : dev.counters().entrySet()) {
            String name = entry.getKey();
            Optional<LinkSpec> spec = selected(name);
            if (spec.isEmpty()) {
                continue;
            }
            LinkCounters link = counters.get(name);
            if (link == null) {
                link = new LinkCounters(entry.getValue());
                counters.put(name, link);
                LOG.info("event=link-metered interface={}", name);
            } else {
                if (!link.rx.present()) {
                    LOG.info("event=link-returned interface={}", name);
                }
                link.advance(entry.getValue());
            }
            links.add(new IpLink(name, spec.get().role(), isUp(name), link.rx.total(), link.tx.total()));
        }
        List<String> unreadable = new ArrayList<>();
        for (String name : dev.unreadable()) {
            LinkCounters link = counters.get(name);
            Optional<LinkSpec> spec = selected(name);
            if (spec.isPresent()) {
                unreadable.add(name);
                if (link != null) {
                    links.add(new IpLink(name, spec.get().role(), isUp(name), link.rx.total(), link.tx.total()));
                }
            }
        }
        for (Map.Entry<String, LinkCounters> entry : counters.entrySet()) {
            String name = entry.getKey();
            if (!dev.counters().containsKey(name) && !dev.unreadable().contains(name) && entry.getValue().rx.present()) {
                entry.getValue().vanish();
                LOG.info("event=link-vanished interface={}", name);
            }
        }
        if (unreadable.isEmpty()) {
            health.up();
        } else {
            health.degraded("unreadable counters for " + unreadable + " in " + netDev);
        }
        return List.copyOf(links);
    }

    @Override
    public DriverHealth health() {
        return health.current();
    }

    /** The first board-file entry that meters {@code name}; loopback only when named outright. */
    private Optional<LinkSpec> selected(String name) {
        return selection.stream()
                .filter(spec -> spec.matches(name) && (!name.equals(LOOPBACK) || !spec.isPattern()))
                .findFirst();
    }

    /**
     * Up if the kernel says so in {@code operstate}; {@code unknown} (loopback, tun, ppp) falls
     * back to the IFF_UP flag. An interface whose files cannot be read counts as down.
     */
    private boolean isUp(String name) {
        Path dir = sysClassNet.resolve(name);
        try {
            String state = Files.readString(dir.resolve("operstate"), StandardCharsets.US_ASCII).trim();
            if (!state.equals("unknown")) {
                return state.equals("up");
            }
            String flags = Files.readString(dir.resolve("flags"), StandardCharsets.US_ASCII).trim();
            return (Integer.decode(flags) & IFF_UP) != 0;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** The two counters of one interface. */
    private static final class LinkCounters {
        final WrappingCounter rx;
        final WrappingCounter tx;

        LinkCounters(NetDev.Counters first) {
            rx = new WrappingCounter(first.rxBytes());
            tx = new WrappingCounter(first.txBytes());
        }

        void advance(NetDev.Counters next) {
            rx.advance(next.rxBytes());
            tx.advance(next.txBytes());
        }

        void vanish() {
            rx.vanished();
            tx.vanished();
        }
    }
}
