package io.smartshare.node.compute;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.compute.ComputeJob;
import io.smartshare.contracts.compute.ComputeRejection;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.node.coap.BodyPieces;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.coap.RequestException;
import io.smartshare.node.json.Json;
import io.smartshare.node.mesh.coap.PeerRequests;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * The provider's side of compute sharing, under {@code /compute} (docs/compute.md, "CoAP
 * resources"): {@code POST /compute/jobs} takes a consumer's signed job; {@code POST
 * /compute/jobs/<id>?from=N} appends the module and input (module first, in order, at most one
 * CoAP body a request); {@code GET /compute/jobs/<id>} answers the signed result (CBOR) once
 * the job ran, or where it stands (text); {@code GET /compute/jobs/<id>/output?from=N} reads
 * the output. Taken from mesh neighbours and writers, 4.01 from anyone else; disk work runs on
 * the compute I/O thread (5.03 when its queue is full), never on the CoAP thread ({@link
 * PeerRequests}). {@code GET /compute} is the document of {@link ComputeDocument}, from snapshots.
 * A refusal changes nothing and says why.
 */
final class ProviderResource extends CoapResource {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    /** A job is about 400 bytes. */
    private static final int MAX_JOB = 1024;
    /** Module, input and output travel in pieces of one CoAP body (MAX_RESOURCE_BODY_SIZE 8192). */
    static final int CHUNK = BodyPieces.PIECE;

    private final ProviderJobs jobs;
    private final Ed25519PublicKey self;
    private final PeerRequests requests;
    private final Supplier<Object> document;

    ProviderResource(ProviderJobs jobs, Ed25519PublicKey self, PeerRequests requests, Supplier<Object> document) {
        super("compute");
        this.jobs = jobs;
        this.self = self;
        this.requests = requests;
        this.document = document;
        getAttributes().addResourceType("smartshare.compute");
        add(new JobsResource());
    }

    /** {@code GET /compute}: what this node runs for others and has run on others, as JSON. */
    @Override
    public void handleGET(CoapExchange exchange) {
        exchange.respond(ResponseCode.CONTENT, Json.write(document.get()), MediaTypeRegistry.APPLICATION_JSON);
    }

    private void refuse(CoapExchange exchange, ResponseCode code, String diagnostic) {
        requests.refuse(exchange, code, diagnostic);
    }

    static ResponseCode codeOf(ProviderJobs.Refusal refusal) {
        return switch (refusal) {
            case UNKNOWN -> ResponseCode.NOT_FOUND;
            case QUEUE_FULL, DISK -> ResponseCode.SERVICE_UNAVAILABLE;
            case TOO_LARGE -> ResponseCode.REQUEST_ENTITY_TOO_LARGE;
            case OUT_OF_ORDER, NOT_FINISHED -> ResponseCode.CONFLICT;
            case MISMATCH -> ResponseCode.BAD_REQUEST;
        };
    }

    private boolean admitted(CoapExchange exchange) {
        return requests.admitted(exchange);
    }

    /** Runs {@code work} (a short disk read or write) on the I/O thread and answers piggybacked. */
    private void onIo(CoapExchange exchange, Runnable work) {
        requests.onWorker(exchange, work);
    }

    /** A job's standing as the consumer reads it: its signed result, or a line of text. */
    private void answer(CoapExchange exchange, ResponseCode code, ProviderJobs.Job job) {
        if (job.state() == ProviderJobs.State.DONE) {
            exchange.respond(code, job.signedResult().orElseThrow(), MediaTypeRegistry.APPLICATION_CBOR);
        } else if (job.state() == ProviderJobs.State.REFUSED) {
            refuse(exchange, ResponseCode.UNPROCESSABLE_ENTITY, job.refusal());
        } else {
            exchange.respond(code, ProviderJobs.describe(job), MediaTypeRegistry.TEXT_PLAIN);
        }
    }

    private void answer(CoapExchange exchange, ResponseCode success, Outcome<ProviderJobs.Job, ProviderJobs.Refusal> o) {
        if (o.rejection().isPresent()) {
            refuse(exchange, codeOf(o.rejection().get().reason()), o.rejection().get().detail());
        } else {
            answer(exchange, success, o.acceptedValue().get());
        }
    }

    /** {@code /compute/jobs} and everything below it; ids are read from the request's path. */
    private final class JobsResource extends CoapResource {
        JobsResource() {
            super("jobs");
        }

        @Override
        public Resource getChild(String name) {
            return this;
        }

        /** The path after {@code jobs}; relayed requests carry {@code mesh/relay/<node>/} first. */
        private Optional<List<String>> target(CoapExchange exchange) {
            List<String> path = exchange.getRequestOptions().getUriPath();
            List<String> rest = path.subList(path.lastIndexOf("jobs") + 1, path.size());
            if (rest.size() > 2 || (!rest.isEmpty() && !ID.matcher(rest.get(0)).matches())
                    || (rest.size() == 2 && !rest.get(1).equals("output"))) {
                refuse(exchange, ResponseCode.NOT_FOUND, "no compute resource /" + String.join("/", path)
                        + "; job ids are 32 lower-case hex digits");
                return Optional.empty();
            }
            return Optional.of(rest);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            Optional<List<String>> target = target(exchange);
            if (target.isEmpty() || !admitted(exchange)) {
                return;
            }
            if (target.get().isEmpty()) {
                submit(exchange);
            } else if (target.get().size() == 1) {
                data(exchange, target.get().get(0));
            } else {
                refuse(exchange, ResponseCode.METHOD_NOT_ALLOWED, "the output is read with GET");
            }
        }

        private void submit(CoapExchange exchange) {
            byte[] body = exchange.getRequestPayload();
            if (body.length > MAX_JOB) {
                refuse(exchange, ResponseCode.REQUEST_ENTITY_TOO_LARGE, "a compute job is at most " + MAX_JOB
                        + " bytes");
                return;
            }
            Outcome<ComputeJob, ComputeRejection> job = ComputeJob.accept(body, self);
            if (job.rejection().isPresent()) {
                refuse(exchange, ResponseCode.BAD_REQUEST, job.rejection().get().reason() + ": "
                        + job.rejection().get().detail());
                return;
            }
            onIo(exchange, () -> answer(exchange, ResponseCode.CREATED, jobs.submit(job.acceptedValue().get())));
        }

        private void data(CoapExchange exchange, String id) {
            QueryParameters query;
            try {
                query = QueryParameters.parse(exchange.getRequestOptions().getUriQuery(), Set.of("from"));
            } catch (RequestException e) {
                refuse(exchange, e.code(), e.getMessage());
                return;
            }
            long from = query.count("from").orElse(0L);
            byte[] body = exchange.getRequestPayload();
            onIo(exchange, () -> answer(exchange, ResponseCode.CHANGED, jobs.write(id, from, body)));
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            Optional<List<String>> target = target(exchange);
            if (target.isEmpty() || !admitted(exchange)) {
                return;
            }
            if (target.get().isEmpty()) {
                refuse(exchange, ResponseCode.METHOD_NOT_ALLOWED, "GET /compute lists the jobs");
                return;
            }
            String id = target.get().get(0);
            if (target.get().size() == 1) {
                Optional<ProviderJobs.Job> job = jobs.find(id);
                if (job.isEmpty()) {
                    refuse(exchange, ResponseCode.NOT_FOUND, "UNKNOWN: no compute job " + id + " here");
                } else {
                    answer(exchange, ResponseCode.CONTENT, job.get());
                }
                return;
            }
            long from;
            try {
                from = QueryParameters.parse(exchange.getRequestOptions().getUriQuery(), Set.of("from")).count("from")
                        .orElse(0L);
            } catch (RequestException e) {
                refuse(exchange, e.code(), e.getMessage());
                return;
            }
            onIo(exchange, () -> {
                Outcome<byte[], ProviderJobs.Refusal> chunk = jobs.output(id, from, CHUNK);
                if (chunk.rejection().isPresent()) {
                    refuse(exchange, codeOf(chunk.rejection().get().reason()), chunk.rejection().get().detail());
                } else {
                    exchange.respond(ResponseCode.CONTENT, chunk.acceptedValue().get(),
                            MediaTypeRegistry.APPLICATION_OCTET_STREAM);
                }
            });
        }
    }
}
