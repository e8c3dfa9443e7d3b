package io.smartshare.node.beacon;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.beacon.Beacons;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.node.coap.BodyPieces;
import io.smartshare.node.coap.DocumentResource;
import io.smartshare.node.coap.QueryParameters;
import io.smartshare.node.coap.RequestException;
import io.smartshare.node.mesh.coap.PeerRequests;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * The beacon's resources (docs/beacon.md §8): {@code GET /beacon} (the shard, this member's
 * part, the epochs it knows closed), {@code GET /beacon/submission?epoch=E} (this member's
 * signed submission, for the epoch that ended last only), {@code POST /beacon/witness} (a
 * beacon asks for a cosignature), {@code GET /beacon/epochs?epoch=E} (a closure this member
 * knows), {@code GET /beacon/proof?epoch=E&member=ID} (a member's leaf and proofs, from the
 * beacon that closed the epoch) and {@code GET /beacon/results?epoch=E} (the result's bytes).
 * Submissions and witness requests are taken from mesh neighbours only and answered on the
 * beacon service's worker thread ({@link PeerRequests}). Submissions, closures and results
 * travel in pieces ({@code &from=N}, {@link BodyPieces}).
 */
final class BeaconResource extends DocumentResource {
    private final Supplier<Map<String, Object>> document;

    BeaconResource(Supplier<Map<String, Object>> document, Parts parts) {
        super("beacon", "smartshare.beacon", "core.rp");
        this.document = document;
        add(new SubmissionResource(parts), new WitnessResource(parts),
                new ClosureResource("epochs", parts, Closure::encode), new ProofResource(parts),
                new ClosureResource("results", parts, Closure::result));
    }

    /** What the resources answer from. */
    record Parts(Ed25519PublicKey self, String shardId, LongSupplier lastEnded, OwnSubmission own, WitnessDesk witness,
            Closures closures, BeaconLog log, PeerRequests requests) {
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        return document.get();
    }

    private static QueryParameters query(CoapExchange exchange) {
        return QueryParameters.parse(exchange.getRequestOptions().getUriQuery(), Set.of("epoch", "from"));
    }

    private static long epoch(QueryParameters query) {
        return query.count("epoch").orElseThrow(() -> RequestException.badRequest("give ?epoch=E"));
    }

    /** The piece of {@code all} the query asks for ({@code from}: 0 when absent; {@link BodyPieces}). */
    private static byte[] piece(byte[] all, QueryParameters query) {
        try {
            return BodyPieces.slice(all, query.count("from").orElse(0L));
        } catch (IllegalArgumentException e) {
            throw RequestException.badRequest(e.getMessage());
        }
    }

    private abstract static class Child extends CoapResource {
        final Parts parts;

        Child(String name, Parts parts) {
            super(name);
            this.parts = parts;
        }

        /** Runs {@code answer}; a {@link RequestException} or a bad document becomes its 4.xx. */
        void answering(CoapExchange exchange, Runnable answer) {
            try {
                answer.run();
            } catch (RequestException e) {
                exchange.respond(e.code(), e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            } catch (ContractException e) {
                exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            }
        }
    }

    private static final class SubmissionResource extends Child {
        SubmissionResource(Parts parts) {
            super("submission", parts);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            if (!parts.requests().admitted(exchange)) {
                return;
            }
            answering(exchange, () -> {
                QueryParameters query = query(exchange);
                long epoch = epoch(query);
                if (epoch != parts.lastEnded().getAsLong()) {
                    throw RequestException.badRequest("only the epoch that ended last ("
                            + parts.lastEnded().getAsLong() + ") is submitted");
                }
                parts.requests().onWorker(exchange, () -> {
                    try {
                        exchange.respond(ResponseCode.CONTENT, piece(parts.own().signed(epoch), query),
                                MediaTypeRegistry.APPLICATION_COSE_SIGN1);
                    } catch (Exception e) {
                        throw new IllegalStateException("submission for epoch " + epoch + ": " + e.getMessage(), e);
                    }
                });
            });
        }
    }

    private static final class WitnessResource extends Child {
        WitnessResource(Parts parts) {
            super("witness", parts);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            if (!parts.requests().admitted(exchange)) {
                return;
            }
            answering(exchange, () -> {
                WitnessRequest request = WitnessRequest.decode(exchange.getRequestPayload());
                parts.requests().onWorker(exchange, () -> {
                    WitnessDesk.Answer answer;
                    try {
                        answer = parts.witness().cosign(request.note(), request.proof().from(), request.proof());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (answer instanceof WitnessDesk.Cosigned c) {
                        exchange.respond(ResponseCode.CHANGED, c.note().encoded(), MediaTypeRegistry.TEXT_PLAIN);
                    } else if (answer instanceof WitnessDesk.WrongSize w) {
                        exchange.respond(ResponseCode.CONFLICT, WitnessRequest.WRONG_SIZE + w.size(),
                                MediaTypeRegistry.TEXT_PLAIN);
                    } else {
                        parts.requests().refuse(exchange, ResponseCode.FORBIDDEN, ((WitnessDesk.Refused) answer).reason());
                    }
                });
            });
        }
    }

    /** A part of a closure this member knows, by epoch, in pieces: the closure itself, or its result. */
    private static final class ClosureResource extends Child {
        private final Function<Closure, byte[]> part;

        ClosureResource(String name, Parts parts, Function<Closure, byte[]> part) {
            super(name, parts);
            this.part = part;
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            answering(exchange, () -> {
                QueryParameters query = query(exchange);
                exchange.respond(ResponseCode.CONTENT, piece(part.apply(closure(parts, epoch(query))), query),
                        MediaTypeRegistry.APPLICATION_CBOR);
            });
        }
    }

    private static Closure closure(Parts parts, long epoch) {
        return parts.closures().get(epoch).orElseThrow(() -> new RequestException(ResponseCode.NOT_FOUND,
                "epoch " + epoch + " is not known closed here"));
    }

    /** {@code {0: cosigned note, 1: member leaf, 2: its index, 3: its proof, 4: result leaf, 5: its index, 6: its proof}}. */
    private static final class ProofResource extends Child {
        ProofResource(Parts parts) {
            super("proof", parts);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            answering(exchange, () -> {
                QueryParameters query = QueryParameters.parse(exchange.getRequestOptions().getUriQuery(),
                        Set.of("epoch", "member"));
                long epoch = query.count("epoch").orElseThrow(() -> RequestException.badRequest("give ?epoch=E"));
                NodeId member = member(query.text("member"));
                Closure closure = closure(parts, epoch);
                if (!closure.note().origin().equals(Beacons.logOrigin(parts.shardId(), parts.self()))) {
                    throw new RequestException(ResponseCode.NOT_FOUND, "epoch " + epoch + " was closed by another"
                            + " beacon: " + closure.note().origin());
                }
                long[] range = parts.log().range(epoch).orElseThrow();
                Optional<Long> index = Optional.empty();
                for (long i = range[0]; i < range[0] + range[1] - 1; i++) {
                    if (leafOf(parts.log().leaf(i), member)) {
                        index = Optional.of(i);
                    }
                }
                long at = index.orElseThrow(() -> new RequestException(ResponseCode.NOT_FOUND, member
                        + " has no leaf in epoch " + epoch + " (it sent no submission the beacon accepted)"));
                InclusionProof proof = parts.log().inclusion(at, closure.note().size());
                exchange.respond(ResponseCode.CONTENT, Cbor.encode(CborMap.builder()
                        .put(0, new CborValue.Bytes(closure.note().encoded()))
                        .put(1, new CborValue.Bytes(parts.log().leaf(at)))
                        .put(2, at)
                        .put(3, Beacons.path(proof.path()))
                        .put(4, new CborValue.Bytes(closure.resultLeaf()))
                        .put(5, closure.proof().index())
                        .put(6, Beacons.path(closure.proof().path()))
                        .build()), MediaTypeRegistry.APPLICATION_CBOR);
            });
        }

        private static NodeId member(Optional<String> text) {
            try {
                return new NodeId(text.orElseThrow(() -> RequestException.badRequest("give &member=ID")));
            } catch (IdentityException e) {
                throw RequestException.badRequest(e.getMessage());
            }
        }

        private static boolean leafOf(byte[] leaf, NodeId member) {
            return Cbor.decode(leaf) instanceof CborMap map && map.get(2).orElse(null) instanceof CborValue.Bytes key
                    && NodeId.of(Ed25519PublicKey.of(key.value())).equals(member);
        }
    }

}
