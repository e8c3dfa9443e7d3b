package io.smartshare.node.storage;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.storage.AuditAnswer;
import io.smartshare.contracts.storage.StorageAgreement;
import io.smartshare.contracts.storage.StorageAudit;
import io.smartshare.contracts.storage.StorageRejection;
import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.coap.RequestException;
import io.smartshare.node.coap.WriteAuthorization;
import io.smartshare.node.json.Json;
import io.smartshare.node.ledger.LedgerAppend;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import io.smartshare.node.mesh.coap.PeerRequests;
import io.smartshare.node.storage.HeldContents.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.slf4j.LoggerFactory;

/**
 * The holder's side of storage sharing, under {@code /storage} (docs/storage.md, "CoAP
 * resources"): {@code POST /storage} takes an owner's signed proposal; {@code GET
 * /storage/<id>} says how many leaves arrived; {@code POST /storage/<id>/leaves?from=N&sig=S}
 * appends whole leaves, {@code GET …/leaves?from=N&count=C&sig=S} reads them back, {@code
 * DELETE /storage/<id>?sig=S} ends the agreement (each signed by the owner, {@link
 * OwnerSignature}); {@code POST /storage/<id>/audit} with a 16-byte nonce answers an audit
 * with the holder's signed {@link AuditAnswer}. Taken over {@code coap://} from live mesh
 * neighbours (requests relayed through the mesh arrive from one) and over {@code coaps://}
 * from identities that may write; 4.01 from anyone else. Everything that reads or writes the
 * disk or the ledger runs on the storage thread, never on the CoAP thread (5.03 when its
 * queue is full); what may wait for the ledger or an fsync (a proposal, a delete) is
 * acknowledged first, the rest answered piggybacked. {@code GET /storage} is built from
 * snapshots on the CoAP thread. A refusal changes nothing and says why.
 */
final class HolderResource extends CoapResource {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    /** A proposal is about 300 bytes. */
    private static final int MAX_PROPOSAL = 1024;
    /** Leaves per request: what one CoAP body holds (MAX_RESOURCE_BODY_SIZE 8192). */
    static final int LEAVES_PER_REQUEST = 2;
    /** An agreement answers at most one audit this often, so audits cannot keep the storage thread busy. */
    private static final long AUDIT_SPACING_MILLIS = 500;

    private final HeldContents held;
    private final NodeIdentity identity;
    private final Ledger ledger;
    private final PeerRequests requests;
    private final LongSupplier clock;
    private final Map<String, Long> lastAudit = new HashMap<>();
    private final AgreementResource agreements = new AgreementResource();
    private final StorageDocument document;

    HolderResource(HeldContents held, NodeIdentity identity, Ledger ledger, Optional<NeighborAddresses> neighbors,
            WriteAuthorization writers, Executor worker, LongSupplier clock, StorageDocument document) {
        super("storage");
        this.held = held;
        this.identity = identity;
        this.ledger = ledger;
        this.requests = new PeerRequests("storage", neighbors, writers, worker);
        this.clock = clock;
        this.document = document;
        getAttributes().addResourceType("smartshare.storage");
    }

    @Override
    public Resource getChild(String name) {
        Resource child = super.getChild(name);
        return child != null ? child : agreements;
    }

    /**
     * {@code GET /storage}: what this node holds for others and stores on others, as JSON.
     * Answered at once (a piggybacked response): libcoap's client never completed a block-wise
     * document sent as a separate response after {@code accept()}, and the resource stayed deaf
     * to it afterwards.
     */
    @Override
    public void handleGET(CoapExchange exchange) {
        exchange.respond(ResponseCode.CONTENT, Json.write(document.document()), MediaTypeRegistry.APPLICATION_JSON);
    }

    /** {@code POST /storage}: a proposal. */
    @Override
    public void handlePOST(CoapExchange exchange) {
        if (!admitted(exchange)) {
            return;
        }
        byte[] proposal = exchange.getRequestPayload();
        if (proposal.length > MAX_PROPOSAL) {
            refuse(exchange, ResponseCode.REQUEST_ENTITY_TOO_LARGE, "a storage proposal is at most " + MAX_PROPOSAL
                    + " bytes");
            return;
        }
        onWorker(exchange, () -> propose(exchange, proposal));
    }

    private void propose(CoapExchange exchange, byte[] proposal) {
        Outcome<StorageAgreement, StorageRejection> signed = StorageAgreement.accept(proposal, identity);
        if (signed.rejection().isPresent()) {
            refuse(exchange, ResponseCode.BAD_REQUEST, signed.rejection().get().toString());
            return;
        }
        StorageAgreement agreement = signed.acceptedValue().get();
        StorageTerms terms = agreement.terms();
        if (terms.start() * 1000 > clock.getAsLong() + 60_000) {
            refuse(exchange, ResponseCode.BAD_REQUEST, "storage agreement " + terms.idHex()
                    + ": the term starts more than a minute from now");
            return;
        }
        boolean known = held.terms(terms.idHex()).isPresent();
        Outcome<StorageTerms, Refusal> admitted = held.admit(agreement);
        if (admitted.rejection().isPresent()) {
            refuse(exchange, codeOf(admitted.rejection().get().reason()), admitted.rejection().get().toString());
            return;
        }
        if (!known) {
            try {
                LedgerAppend.durably(ledger, agreement.ledgerEntryFor(identity.publicKey()));
            } catch (LedgerAppend.LedgerWriteException e) {
                held.delete(terms.idHex());
                refuse(exchange, ResponseCode.SERVICE_UNAVAILABLE, "the ledger did not take the agreement; nothing kept");
                return;
            }
            LoggerFactory.getLogger(HolderResource.class).info(
                    "event=storage-agreed role=holder id={} owner={} bytes={} until={}", terms.idHex(),
                    NodeId.of(terms.owner()), terms.size(), terms.end());
        }
        exchange.respond(ResponseCode.CREATED, agreement.encode(), MediaTypeRegistry.APPLICATION_CBOR);
    }

    private boolean admitted(CoapExchange exchange) {
        return requests.admitted(exchange);
    }

    /** Runs {@code work}, which may wait for an fsync or the ledger, on the storage thread; acknowledged at once. */
    private void onWorker(CoapExchange exchange, Runnable work) {
        exchange.accept();
        requests.onWorker(exchange, work);
    }

    /** Runs {@code work} (a leaf write without fsync, a read, an audit) on the storage thread, answered piggybacked. */
    private void onWorkerUnacknowledged(CoapExchange exchange, Runnable work) {
        requests.onWorker(exchange, work);
    }

    static ResponseCode codeOf(Refusal refusal) {
        return switch (refusal) {
            case OVER_SHARE -> ResponseCode.REQUEST_ENTITY_TOO_LARGE;
            case UNKNOWN -> ResponseCode.NOT_FOUND;
            case COMPLETE, INCOMPLETE, OUT_OF_ORDER -> ResponseCode.CONFLICT;
            case NOT_WHOLE_LEAVES, MISMATCH -> ResponseCode.BAD_REQUEST;
            case ENDED -> ResponseCode.FORBIDDEN;
            case DISK -> ResponseCode.SERVICE_UNAVAILABLE;
        };
    }

    private void refuse(CoapExchange exchange, ResponseCode code, String diagnostic) {
        requests.refuse(exchange, code, diagnostic);
    }

    /** {@code /storage/<id>[/leaves|/audit]}, whatever the id: it is read from the request's path. */
    private final class AgreementResource extends CoapResource {
        AgreementResource() {
            super("agreement");
            setVisible(false);
        }

        @Override
        public Resource getChild(String name) {
            return this;
        }

        /** The path after {@code storage}: the id and what of it; relayed requests carry {@code mesh/relay/<node>/} first. */
        private Optional<List<String>> target(CoapExchange exchange) {
            List<String> path = exchange.getRequestOptions().getUriPath();
            List<String> rest = path.subList(path.indexOf("storage") + 1, path.size());
            if (rest.isEmpty() || rest.size() > 2 || !ID.matcher(rest.get(0)).matches()
                    || (rest.size() == 2 && !Set.of("leaves", "audit").contains(rest.get(1)))) {
                refuse(exchange, ResponseCode.NOT_FOUND, "no storage resource /" + String.join("/", path)
                        + "; agreement ids are 32 lower-case hex digits");
                return Optional.empty();
            }
            return Optional.of(rest);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            Optional<List<String>> target = target(exchange);
            if (target.isEmpty() || !admitted(exchange)) {
                return;
            }
            String id = target.get().get(0);
            if (target.get().size() == 1) {
                onWorkerUnacknowledged(exchange, () -> answer(exchange, ResponseCode.CONTENT, received(held.received(id)),
                        MediaTypeRegistry.TEXT_PLAIN));
                return;
            }
            if (!target.get().get(1).equals("leaves")) {
                refuse(exchange, ResponseCode.METHOD_NOT_ALLOWED, "audits are POSTed");
                return;
            }
            signed(exchange, id, OwnerSignature.READ, (from, count) -> {
                if (count < 1 || count > LEAVES_PER_REQUEST) {
                    throw RequestException.badRequest("count: 1 to " + LEAVES_PER_REQUEST + " leaves a request");
                }
                answer(exchange, ResponseCode.CONTENT, held.read(id, from, (int) count),
                        MediaTypeRegistry.APPLICATION_OCTET_STREAM);
            });
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            Optional<List<String>> target = target(exchange);
            if (target.isEmpty() || !admitted(exchange)) {
                return;
            }
            String id = target.get().get(0);
            if (target.get().size() == 1) {
                refuse(exchange, ResponseCode.METHOD_NOT_ALLOWED, "POST to /storage/<id>/leaves or /audit");
            } else if (target.get().get(1).equals("audit")) {
                audit(exchange, id);
            } else {
                signed(exchange, id, OwnerSignature.UPLOAD, (from, count) -> {
                    answer(exchange, ResponseCode.CHANGED, received(held.write(id, from, exchange.getRequestPayload())),
                            MediaTypeRegistry.TEXT_PLAIN);
                });
            }
        }

        @Override
        public void handleDELETE(CoapExchange exchange) {
            Optional<List<String>> target = target(exchange);
            if (target.isEmpty() || !admitted(exchange)) {
                return;
            }
            if (target.get().size() != 1) {
                refuse(exchange, ResponseCode.METHOD_NOT_ALLOWED, "DELETE /storage/<id>");
                return;
            }
            String id = target.get().get(0);
            signed(exchange, id, OwnerSignature.DELETE, (from, count) -> {
                Outcome<StorageTerms, Refusal> deleted = held.delete(id);
                if (deleted.acceptedValue().isPresent()) {
                    LoggerFactory.getLogger(HolderResource.class).info("event=storage-ended role=holder id={}"
                            + " reason=\"deleted by its owner\"", id);
                }
                answer(exchange, ResponseCode.DELETED, deleted.map(t -> new byte[0]), MediaTypeRegistry.TEXT_PLAIN);
            });
        }

        private void audit(CoapExchange exchange, String id) {
            byte[] nonce = exchange.getRequestPayload();
            if (nonce.length != StorageAudit.NONCE_LENGTH) {
                refuse(exchange, ResponseCode.BAD_REQUEST, "an audit challenge is a " + StorageAudit.NONCE_LENGTH
                        + "-byte nonce");
                return;
            }
            long now = clock.getAsLong();
            synchronized (lastAudit) {
                Long last = lastAudit.get(id);
                if (last != null && now - last < AUDIT_SPACING_MILLIS) {
                    refuse(exchange, ResponseCode.SERVICE_UNAVAILABLE, "agreement " + id + " was audited "
                            + (now - last) + " ms ago; ask again in a second");
                    return;
                }
            }
            onWorkerUnacknowledged(exchange, () -> {
                Outcome<HeldContents.Answer, Refusal> answer = held.audit(id, nonce);
                if (answer.rejection().isPresent()) {
                    refuse(exchange, codeOf(answer.rejection().get().reason()), answer.rejection().get().toString());
                    return;
                }
                synchronized (lastAudit) { // only contents held are remembered, and only for the spacing
                    lastAudit.values().removeIf(t -> now - t >= AUDIT_SPACING_MILLIS);
                    lastAudit.put(id, now);
                }
                HeldContents.Answer a = answer.acceptedValue().get();
                StorageTerms terms = held.terms(id).orElseThrow(); // audit() answered: it is held
                exchange.respond(ResponseCode.CONTENT, AuditAnswer.sign(terms, nonce, a.leaf(), a.proof(), identity)
                        .encode(), MediaTypeRegistry.APPLICATION_CBOR);
            });
        }

        /** Runs {@code action} with the request's {@code from} and {@code count} once the owner's signature checks. */
        private void signed(CoapExchange exchange, String id, OwnerSignature kind, SignedAction action) {
            QueryParameters query;
            try {
                query = QueryParameters.parse(exchange.getRequestOptions().getUriQuery(),
                        Set.of("from", "count", OwnerSignature.PARAMETER));
            } catch (RequestException e) {
                refuse(exchange, e.code(), e.getMessage());
                return;
            }
            long from = query.count("from").orElse(0L);
            long count = query.count("count").orElse(0L);
            byte[] body = exchange.getRequestPayload();
            Runnable work = () -> {
                Optional<StorageTerms> terms = held.terms(id);
                if (terms.isEmpty()) {
                    refuse(exchange, ResponseCode.NOT_FOUND, "no storage agreement " + id + " is held here");
                    return;
                }
                if (!kind.verify(terms.get().owner(), id, from, count, body, query.text(OwnerSignature.PARAMETER))) {
                    refuse(exchange, ResponseCode.UNAUTHORIZED, "not signed by the owner of " + id);
                    return;
                }
                try {
                    action.run(from, count);
                } catch (RequestException e) {
                    refuse(exchange, e.code(), e.getMessage());
                }
            };
            if (kind == OwnerSignature.DELETE) {
                onWorker(exchange, work);
            } else {
                onWorkerUnacknowledged(exchange, work); // a leaf write or read: well under a second
            }
        }

        /** "received N": the leaves the holder has, where the owner's upload continues. */
        private Outcome<byte[], Refusal> received(Outcome<Long, Refusal> leaves) {
            return leaves.map(n -> ("received " + n).getBytes(StandardCharsets.US_ASCII));
        }

        private void answer(CoapExchange exchange, ResponseCode success, Outcome<byte[], Refusal> outcome, int format) {
            if (outcome.rejection().isPresent()) {
                refuse(exchange, codeOf(outcome.rejection().get().reason()), outcome.rejection().get().toString());
            } else {
                exchange.respond(success, outcome.acceptedValue().get(), format);
            }
        }
    }

    @FunctionalInterface
    private interface SignedAction {
        void run(long from, long count);
    }
}
