package io.smartshare.node.rewards;

import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelClose;
import io.smartshare.contracts.channel.ChannelTerms;
import io.smartshare.contracts.schedule.MicroTokens;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One channel as {@code /channels} and {@code /rewards} show it, seen from the node with key {@code self}. */
final class ChannelDocument {
    private ChannelDocument() {
    }

    /** The summary row: id, role, peer, deposit, paid, the relay price if any, status and how it closed. */
    static Map<String, Object> row(Channel channel, Ed25519PublicKey self) {
        ChannelTerms terms = channel.open().terms();
        boolean payer = terms.payer().equals(self);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", channel.id().toString());
        row.put("role", payer ? "payer" : "payee");
        row.put("peer", NodeId.of(payer ? terms.payee() : terms.payer()).value());
        row.put("deposit", terms.deposit());
        row.put("paid", channel.paid());
        row.put("deposit-tokens", MicroTokens.tokens(terms.deposit()));
        row.put("paid-tokens", MicroTokens.tokens(channel.paid()));
        terms.price().ifPresent(p -> {
            Map<String, Object> price = new LinkedHashMap<>();
            price.put("rate", p.rate());
            price.put("unit", p.unit());
            price.put("from", p.from());
            row.put("price", price);
        });
        row.put("status", channel.status().name().toLowerCase(Locale.ROOT));
        channel.close().ifPresent(c -> row.put("closed", c instanceof ChannelClose.Cooperative ? "cooperative"
                : "unilateral"));
        return row;
    }

    /**
     * The row plus the documents in hex: the open record, the latest balance proof and the
     * close (docs/contracts.md §11 bytes, what another settling node takes with {@code --closes}).
     */
    static Map<String, Object> detail(Channel channel, Ed25519PublicKey self) {
        HexFormat hex = HexFormat.of();
        Map<String, Object> doc = row(channel, self);
        doc.put("open-record", hex.formatHex(channel.open().encode()));
        channel.latest().ifPresent(p -> doc.put("latest-proof", hex.formatHex(p.encode())));
        channel.close().ifPresent(c -> doc.put("close", hex.formatHex(c.encode())));
        return doc;
    }
}
