package io.smartshare.node.rewards;

import io.smartshare.node.ledger.LedgerAppend;
import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.receipt.ReceiptBook.Acceptance;
import io.smartshare.contracts.receipt.ReceiptRejection;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /receipts}: a consumer hands this node (the provider) a receipt, a COSE_Sign1
 * in content-format 60 (docs/contracts.md, "Transport of receipts"). Taken over {@code
 * coaps://} from a PSK identity that may write, and over plain {@code coap://} only from a live
 * mesh neighbour that is the receipt's own signer: a receipt is self-authenticating, and
 * neighbours have no shared secret. Accepted: 2.04 once the receipt is in the ledger.
 * Rejected: 4.00 (malformed, bad signature), 4.03 (not for this node, self-signed, unknown
 * consumer, beyond tolerance, interval in the future, wrong sender, read-only identity), 4.09
 * (replay, decreasing, bad interval), with
 * {@code REASON: detail} as diagnostic; nothing changes. 5.03 when more receipts wait than
 * the desk's queue holds.
 */
final class ReceiptsResource extends SignedMessageResource {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptsResource.class);
    /** A receipt is 262 bytes; anything far larger is not one. */
    private static final int MAX_RECEIPT_BYTES = 1024;

    private final ReceiptDesk desk;

    ReceiptsResource(ReceiptDesk desk, Executor deskThread, Optional<NeighborAddresses> neighbors,
            Predicate<Request> writers) {
        super("receipts", "receipt", MAX_RECEIPT_BYTES, neighbors, deskThread, writers);
        this.desk = desk;
        getAttributes().addResourceType("smartshare.receipts");
    }

    @Override
    protected void take(CoapExchange exchange, byte[] payload, Sender sender) {
        SignedReceipt receipt;
        try {
            receipt = SignedReceipt.decode(payload);
        } catch (ContractException e) {
            refuse(exchange, ResponseCode.BAD_REQUEST, ReceiptRejection.MALFORMED + ": " + e.getMessage());
            return;
        }
        NodeId signer = NodeId.of(receipt.claim().consumer());
        if (!sender.mayActFor(signer)) {
            refuse(exchange, ResponseCode.FORBIDDEN, "receipt signed by " + signer + " sent by " + sender.describe()
                    + ": over coap:// a neighbour sends only its own receipts");
            return;
        }
        onDesk(exchange, () -> decide(exchange, receipt, signer));
    }

    /** Checks and records {@code receipt} on the desk's thread and answers. */
    private void decide(CoapExchange exchange, SignedReceipt receipt, NodeId signer) {
        Outcome<Acceptance, ReceiptRejection> outcome;
        try {
            outcome = desk.accept(receipt);
        } catch (LedgerAppend.LedgerWriteException e) {
            LOG.error("event=receipt-append-failed consumer={} error=\"{}\"", signer, e.getMessage());
            exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR, "the ledger did not take the receipt; nothing changed",
                    MediaTypeRegistry.TEXT_PLAIN);
            return;
        } catch (RuntimeException e) {
            LOG.error("event=receipt-check-failed consumer={} error=\"{}\"", signer, e.toString(), e);
            exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR, "the receipt could not be checked; nothing changed",
                    MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        if (outcome.rejection().isPresent()) {
            ReceiptRejection reason = outcome.rejection().get().reason();
            refuse(exchange, codeOf(reason), outcome.rejection().get().toString());
            return;
        }
        exchange.respond(ResponseCode.CHANGED, "accepted", MediaTypeRegistry.TEXT_PLAIN);
    }

    private static ResponseCode codeOf(ReceiptRejection reason) {
        return switch (reason) {
            case MALFORMED, BAD_SIGNATURE -> ResponseCode.BAD_REQUEST;
            case WRONG_PROVIDER, SELF_SIGNED, FUTURE_INTERVAL, UNKNOWN_CONSUMER, BEYOND_TOLERANCE -> ResponseCode.FORBIDDEN;
            case REPLAY, DECREASING, BAD_INTERVAL -> ResponseCode.CONFLICT;
        };
    }
}
