package io.smartshare.node.storage;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.coap.OperatorCommand;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.coap.RequestException;
import io.smartshare.node.coap.WriteAuthorization;
import io.smartshare.node.json.Json;
import io.smartshare.node.logging.RefusalLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
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
 * The operator's storage commands, {@code POST /storage/owned/put|get|audit|delete?…} over
 * {@code coaps://} from an identity that may write (docs/storage.md, "Commands"): {@code put}
 * answers 2.01 with the agreement once the holder signed it and uploads on; {@code get}
 * answers 2.01 once queued; both show their progress in {@code /storage}. {@code audit}
 * answers with the audit's verdict, {@code delete} 2.02 once the holder let go.
 */
final class OwnerCommands {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerCommands.class);
    private static final RefusalLog REFUSALS = RefusalLog.of(LOG);

    private final OwnedContents owned;
    private final OwnerTransfers transfers;
    private final Auditor auditor;
    private final Executor transfer;
    private final long auditSeconds;

    OwnerCommands(OwnedContents owned, OwnerTransfers transfers, Auditor auditor, Executor transfer, long auditSeconds) {
        this.owned = owned;
        this.transfers = transfers;
        this.auditor = auditor;
        this.transfer = transfer;
        this.auditSeconds = auditSeconds;
    }

    /** {@code /storage/owned} and its four commands. */
    static CoapResource resource(OwnerCommands commands, WriteAuthorization writers) {
        CoapResource owned = new CoapResource("owned");
        owned.add(command("put", Set.of("file", "on", "days", "audit-seconds"), writers, commands::put));
        owned.add(command("get", Set.of("id", "out"), writers, commands::get));
        owned.add(command("audit", Set.of("id"), writers, commands::audit));
        owned.add(command("delete", Set.of("id"), writers, commands::delete));
        return owned;
    }

    private static OperatorCommand command(String name, Set<String> parameters, WriteAuthorization writers,
            OperatorCommand.Handler handler) {
        return new OperatorCommand(name, parameters, writers, handler, REFUSALS, "storage-command-refused");
    }

    private void put(CoapExchange exchange, QueryParameters query) {
        Path file = Path.of(required(query, "file"));
        NodeId holder;
        try {
            holder = new NodeId(required(query, "on"));
        } catch (RuntimeException e) {
            throw RequestException.badRequest("on: " + e.getMessage());
        }
        long days = query.count("days").orElseThrow(() -> RequestException.badRequest("query parameter 'days' is required"));
        long audits = query.count("audit-seconds").orElse(auditSeconds);
        if (days < 1 || days > 3_650 || audits < 1 || audits > 30L * 86_400) {
            throw RequestException.badRequest("days: 1 to 3650; audit-seconds: 1 to 2592000");
        }
        onTransfer(exchange, () -> {
            Owned record;
            try {
                record = transfers.put(file, holder, days, audits);
            } catch (OwnerTransfers.TransferException | IOException e) {
                fail(exchange, ResponseCode.BAD_GATEWAY, "put " + file + " on " + holder + ": " + e.getMessage());
                return;
            }
            String id = record.terms().idHex();
            exchange.respond(ResponseCode.CREATED, Json.write(Map.of("id", id, "root",
                    HexFormat.of().formatHex(record.terms().root()), "holder", holder.value(), "bytes",
                    record.terms().size())), MediaTypeRegistry.APPLICATION_JSON);
            try {
                transfers.upload(id);
            } catch (IOException e) {
                transfers.noteProgress(id, "paused: " + e.getMessage());
            }
        });
    }

    private void get(CoapExchange exchange, QueryParameters query) {
        Owned record = find(query);
        Path out = Path.of(required(query, "out"));
        String id = record.terms().idHex();
        transfers.noteProgress(id, "retrieval queued");
        onTransfer(exchange, () -> {
            try {
                transfers.get(id, out);
            } catch (OwnerTransfers.TransferException | IOException e) {
                transfers.noteProgress(id, "retrieval failed: " + e.getMessage());
                LOG.warn("event=storage-retrieval-failed id={} reason=\"{}\"", id, e.getMessage());
            }
        });
        exchange.respond(ResponseCode.CREATED, Json.write(Map.of("id", id, "out", out.toString())),
                MediaTypeRegistry.APPLICATION_JSON);
    }

    private void audit(CoapExchange exchange, QueryParameters query) {
        Owned record = find(query);
        if (!record.uploaded() || record.deleted()) {
            throw new RequestException(ResponseCode.CONFLICT, record.terms().idHex() + " is "
                    + (record.deleted() ? "deleted" : "not uploaded yet") + ": nothing to audit");
        }
        exchange.accept();
        auditor.start(record.terms()).whenComplete((result, error) -> exchange.respond(
                result != null && result.verdict() == Auditor.Verdict.PASSED ? ResponseCode.CONTENT
                        : ResponseCode.CONFLICT,
                Json.write(result == null ? Map.of("error", String.valueOf(error)) : Map.of("id", result.id(), "verdict",
                        result.verdict().name().toLowerCase(java.util.Locale.ROOT), "leaf", result.leaf(), "detail",
                        result.detail())), MediaTypeRegistry.APPLICATION_JSON));
    }

    private void delete(CoapExchange exchange, QueryParameters query) {
        Owned record = find(query);
        onTransfer(exchange, () -> {
            try {
                transfers.delete(record.terms().idHex());
                exchange.respond(ResponseCode.DELETED, Json.write(Map.of("id", record.terms().idHex(), "state",
                        "deleted")), MediaTypeRegistry.APPLICATION_JSON);
            } catch (OwnerTransfers.TransferException | IOException e) {
                fail(exchange, ResponseCode.BAD_GATEWAY, "delete " + record.terms().idHex() + ": " + e.getMessage());
            }
        });
    }

    private Owned find(QueryParameters query) {
        String key = required(query, "id");
        return owned.find(key).orElseThrow(() -> new RequestException(ResponseCode.NOT_FOUND,
                "no stored content with id or root " + key + " (see storage list)"));
    }

    private void onTransfer(CoapExchange exchange, Runnable work) {
        exchange.accept();
        try {
            transfer.execute(work);
        } catch (RejectedExecutionException e) {
            fail(exchange, ResponseCode.SERVICE_UNAVAILABLE, "too many storage transfers waiting; try again later");
        }
    }

    private static String required(QueryParameters query, String name) {
        return query.text(name).orElseThrow(() -> RequestException.badRequest("query parameter '" + name
                + "' is required"));
    }

    private static void fail(CoapExchange exchange, ResponseCode code, String diagnostic) {
        REFUSALS.refused("storage-command-refused", "code={} reason=\"{}\"", code, diagnostic);
        exchange.respond(code, diagnostic, MediaTypeRegistry.TEXT_PLAIN);
    }
}
