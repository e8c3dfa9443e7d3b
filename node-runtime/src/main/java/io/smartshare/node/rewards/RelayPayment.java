package io.smartshare.node.rewards;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.metering.PeerMeter;
import io.smartshare.node.uplink.RelayGate;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Pay to relay (docs/uplink.md): a neighbour this node relays for owes the relay service it
 * was provided (the meter's {@code relay.up} plus {@code relay.down}, cumulative) less what
 * its receipts cover ({@link ReceiptDesk#relaySigned}) or its priced channels have paid for
 * ({@link ChannelDesk#relayPaidFor}), whichever is more; while it owes more than the grace, the
 * uplink stops forwarding for it, and forwards again once a receipt brings the debt under
 * the grace.
 * Not thread-safe (the rewards service's task runs it).
 */
final class RelayPayment {
    /** How often debts are checked: a neighbour is cut or restored within this of crossing the grace. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final PeerMeter meter;
    private final ReceiptDesk desk;
    private final ChannelDesk channels;
    private final RelayGate gate;
    private final long graceBytes;

    RelayPayment(PeerMeter meter, ReceiptDesk desk, ChannelDesk channels, RelayGate gate, long graceBytes) {
        this.meter = meter;
        this.desk = desk;
        this.channels = channels;
        this.gate = gate;
        this.graceBytes = graceBytes;
    }

    /** Cuts the neighbours that owe more than the grace, and only them; returns them. */
    Set<NodeId> run() {
        Set<NodeId> owing = new HashSet<>();
        meter.relayProvided().forEach((id, provided) -> {
            if (provided - Math.max(desk.relaySigned(id), channels.relayPaidFor(id)) > graceBytes) {
                owing.add(id);
            }
        });
        gate.cutOnly(owing);
        return owing;
    }
}
