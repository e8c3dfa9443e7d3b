package io.smartshare.node.compute;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.coap.OperatorCommand;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.coap.RequestException;
import io.smartshare.node.coap.WriteAuthorization;
import io.smartshare.node.json.Json;
import io.smartshare.node.logging.RefusalLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.LoggerFactory;

/**
 * The operator's compute command, {@code POST /compute/owned/run?module=F&on=ID[&input=F]
 * [&verify-on=ID,…][&fuel=N][&pages=P][&out=F]} over {@code coaps://} from an identity that
 * may write (docs/compute.md, "Commands"): answers 2.01 with the job's id once every provider
 * has been asked for its key and the jobs are signed, then sends, runs, verifies and pays on
 * the consumer thread; the job's progress and verdict show in {@code /compute}.
 */
final class ComputeCommands {
    private static final RefusalLog REFUSALS = RefusalLog.of(LoggerFactory.getLogger(ComputeCommands.class));
    /** Fuel when the operator gives none: a few seconds of the interpreter. */
    static final long DEFAULT_FUEL = 100_000_000;
    /** Memory pages when the operator gives none: 1 MiB. */
    static final int DEFAULT_PAGES = 16;

    private final ComputeConsumer consumer;
    private final Executor thread;

    ComputeCommands(ComputeConsumer consumer, Executor thread) {
        this.consumer = consumer;
        this.thread = thread;
    }

    /** {@code /compute/owned} with its command. */
    static CoapResource resource(ComputeCommands commands, WriteAuthorization writers) {
        CoapResource owned = new CoapResource("owned");
        owned.add(new OperatorCommand("run", Set.of("module", "input", "on", "verify-on", "fuel", "pages", "out"),
                writers, commands::run, REFUSALS, "compute-command-refused"));
        return owned;
    }

    private void run(CoapExchange exchange, QueryParameters query) {
        Path module = Path.of(required(query, "module"));
        Optional<Path> input = query.text("input").map(Path::of);
        NodeId on = node(required(query, "on"), "on");
        List<NodeId> verifyOn = new ArrayList<>();
        for (String id : query.text("verify-on").map(v -> v.split(",")).orElse(new String[0])) {
            if (!id.isBlank()) {
                verifyOn.add(node(id.strip(), "verify-on"));
            }
        }
        long fuel = query.count("fuel").orElse(DEFAULT_FUEL);
        long pages = query.count("pages").orElse((long) DEFAULT_PAGES);
        if (fuel < 1 || pages < 1 || pages > 65_536) {
            throw RequestException.badRequest("fuel: at least 1; pages: 1 to 65536");
        }
        Optional<Path> out = query.text("out").map(Path::of);
        exchange.accept();
        try {
            thread.execute(() -> {
                ComputeConsumer.Prepared job;
                try {
                    job = consumer.prepare(module, input, on, verifyOn, fuel, (int) pages, out);
                } catch (ComputeConsumer.Refused e) {
                    REFUSALS.refused("compute-command-refused", "code={} reason=\"{}\"", ResponseCode.BAD_REQUEST,
                            e.getMessage());
                    exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
                    return;
                }
                exchange.respond(ResponseCode.CREATED, Json.write(Map.of("id", job.record().id(), "provider",
                        job.record().provider(), "verifiers", job.record().verifiers())),
                        MediaTypeRegistry.APPLICATION_JSON);
                consumer.finish(job);
            });
        } catch (RejectedExecutionException e) {
            exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, "too many compute jobs waiting here; try again later",
                    MediaTypeRegistry.TEXT_PLAIN);
        }
    }

    private static NodeId node(String value, String parameter) {
        try {
            return new NodeId(value);
        } catch (RuntimeException e) {
            throw RequestException.badRequest(parameter + ": " + e.getMessage());
        }
    }

    private static String required(QueryParameters query, String name) {
        return query.text(name).orElseThrow(() -> RequestException.badRequest("query parameter '" + name
                + "' is required"));
    }
}
