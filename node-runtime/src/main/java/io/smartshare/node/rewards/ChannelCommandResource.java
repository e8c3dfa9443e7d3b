package io.smartshare.node.rewards;

import io.smartshare.node.ledger.LedgerAppend;
import io.smartshare.contracts.channel.Channel;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.coap.RequestException;
import io.smartshare.node.coap.WriteAuthorization;
import io.smartshare.node.json.Json;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /channels/open|pay|close?...}: one operator command on the node's channels
 * (docs/contracts.md §15), accepted only over {@code coaps://} from an identity with {@code
 * may-write-config} (4.01 / 4.03 otherwise). The command runs on the desk thread, talking to
 * the other party as it needs; the answer is the channel as JSON (2.01 for an open, 2.04
 * otherwise), or the command's 4.xx / 5.xx with a diagnostic.
 */
final class ChannelCommandResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelCommandResource.class);

    /** A command run with the request's query parameters. */
    @FunctionalInterface
    interface Command {
        Channel run(QueryParameters query);
    }

    private final Set<String> queryNames;
    private final Command command;
    private final ResponseCode success;
    private final WriteAuthorization authorization;
    private final Executor deskThread;
    private final ChannelDesk desk;

    ChannelCommandResource(String name, Set<String> queryNames, Command command, ResponseCode success,
            WriteAuthorization authorization, Executor deskThread, ChannelDesk desk) {
        super(name);
        this.queryNames = Set.copyOf(queryNames);
        this.command = command;
        this.success = success;
        this.authorization = authorization;
        this.deskThread = deskThread;
        this.desk = desk;
        getAttributes().addResourceType("smartshare.channel-command");
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        WriteAuthorization.Decision decision = authorization.decide(exchange);
        if (decision.refusal().isPresent()) {
            answer(exchange, decision.refusal().get().code(), decision.refusal().get().diagnostic());
            return;
        }
        QueryParameters query;
        try {
            query = QueryParameters.parse(exchange.getRequestOptions().getUriQuery(), queryNames);
        } catch (RequestException e) {
            answer(exchange, e.code(), e.getMessage());
            return;
        }
        exchange.accept(); // the other party may take a while to answer
        try {
            deskThread.execute(() -> run(exchange, query, decision.identity()));
        } catch (RejectedExecutionException e) {
            answer(exchange, ResponseCode.SERVICE_UNAVAILABLE, "the node is busy with contract messages; try again");
        }
    }

    private void run(CoapExchange exchange, QueryParameters query, String identity) {
        Channel channel;
        try {
            channel = command.run(query);
        } catch (RequestException e) {
            answer(exchange, e.code(), e.getMessage());
            return;
        } catch (LedgerAppend.LedgerWriteException e) {
            LOG.error("event=channel-append-failed command={} error=\"{}\"", getName(), e.getMessage());
            answer(exchange, ResponseCode.INTERNAL_SERVER_ERROR, "the ledger did not take the record; nothing changed");
            return;
        }
        LOG.info("event=channel-command command={} identity={} channel={}", getName(), identity, channel.id());
        exchange.respond(success, Json.write(ChannelDocument.row(channel, desk.identity().publicKey())),
                MediaTypeRegistry.APPLICATION_JSON);
    }

    private void answer(CoapExchange exchange, ResponseCode code, String diagnostic) {
        LOG.warn("event=channel-command-refused command={} peer={} code={} reason=\"{}\"", getName(),
                exchange.getSourceSocketAddress(), code, diagnostic);
        exchange.respond(code, diagnostic, MediaTypeRegistry.TEXT_PLAIN);
    }

    /** A required parameter's text. */
    static String required(QueryParameters query, String name) {
        return query.text(name).orElseThrow(() -> RequestException.badRequest("query parameter '" + name
                + "' is required"));
    }

    /** A required number parameter. */
    static long requiredCount(QueryParameters query, String name) {
        Optional<Long> value = query.count(name);
        return value.orElseThrow(() -> RequestException.badRequest("query parameter '" + name + "' is required"));
    }
}
