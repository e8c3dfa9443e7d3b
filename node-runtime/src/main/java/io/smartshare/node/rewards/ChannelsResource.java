package io.smartshare.node.rewards;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.channel.ChannelId;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.coap.RequestException;
import io.smartshare.node.coap.WriteAuthorization;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/**
 * {@code GET /channels}: the node's payment channels (id, role, peer, deposit, paid, status);
 * {@code ?id=HEX} shows one with its documents in hex (open record, latest proof, close).
 * Below it, the operator's commands {@code open}, {@code pay}, {@code close} and the other
 * party's documents under {@code peer/} (docs/contracts.md §15).
 */
final class ChannelsResource extends DocumentResource {
    private final ChannelDesk desk;

    private ChannelsResource(ChannelDesk desk) {
        super("channels", "smartshare.channels", "core.s", Set.of("id"));
        this.desk = desk;
    }

    /** The {@code /channels} tree of a node. */
    static ChannelsResource create(ChannelDesk desk, ChannelOperator operator, ChannelInbox inbox,
            WriteAuthorization authorization, Executor deskThread, Optional<NeighborAddresses> neighbors) {
        ChannelsResource channels = new ChannelsResource(desk);
        channels.add(new ChannelCommandResource("open", Set.of("payee", "deposit", "rate", "unit"), query -> operator.open(
                payee(ChannelCommandResource.required(query, "payee")),
                ChannelCommandResource.requiredCount(query, "deposit"), quote(query)), ResponseCode.CREATED,
                authorization, deskThread, desk));
        channels.add(new ChannelCommandResource("pay", Set.of("id", "amount"), query -> operator.pay(
                id(ChannelCommandResource.required(query, "id")), ChannelCommandResource.requiredCount(query, "amount")),
                ResponseCode.CHANGED, authorization, deskThread, desk));
        channels.add(new ChannelCommandResource("close", Set.of("id", "unilateral"), query -> operator.close(
                id(ChannelCommandResource.required(query, "id")), query.has("unilateral")), ResponseCode.CHANGED,
                authorization, deskThread, desk));
        CoapResource peer = new CoapResource("peer");
        for (ChannelMessage kind : ChannelMessage.values()) {
            peer.add(new ChannelMessageResource(kind, inbox, deskThread, neighbors, authorization::permits));
        }
        channels.add(peer);
        return channels;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        if (query.has("id")) {
            ChannelId id = id(query.text("id").orElseThrow());
            return desk.channel(id).map(c -> ChannelDocument.detail(c, desk.identity().publicKey()))
                    .orElseThrow(() -> new RequestException(ResponseCode.NOT_FOUND, "this node has no channel " + id));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("channels", desk.document());
        return doc;
    }

    private static ChannelId id(String hex) {
        try {
            return ChannelId.of(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException | ContractException e) {
            throw RequestException.badRequest("id: expected a channel id of 32 hex digits, found '" + hex + "'");
        }
    }

    /** The relay price of an open: {@code rate} and {@code unit} both, or neither. */
    private static Optional<ChannelOperator.PriceQuote> quote(QueryParameters query) {
        if (!query.has("rate") && !query.has("unit")) {
            return Optional.empty();
        }
        return Optional.of(new ChannelOperator.PriceQuote(ChannelCommandResource.requiredCount(query, "rate"),
                ChannelCommandResource.requiredCount(query, "unit")));
    }

    private static Ed25519PublicKey payee(String hex) {
        try {
            return Ed25519PublicKey.of(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException | IdentityException e) {
            throw RequestException.badRequest("payee: expected the payee's public key, 64 hex digits as its /node"
                    + " shows it, found '" + hex + "'");
        }
    }
}
