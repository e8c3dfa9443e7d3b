package io.smartshare.node.cli;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.channel.BalanceProof;
import io.smartshare.contracts.channel.ChannelAmount;
import io.smartshare.contracts.channel.ChannelTerms;
import io.smartshare.contracts.compute.ComputeEvidence;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.schedule.MicroTokens;
import io.smartshare.contracts.storage.AuditEvidence;
import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.ledger.record.CheckpointMarker;
import io.smartshare.ledger.record.KeyEvent;
import io.smartshare.ledger.record.MeteringSample;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.record.RecordBody;
import java.util.Locale;
import java.util.Optional;

/**
 * One ledger record as {@code ledger show} prints it: its kind, who signed it (a node id) and
 * what it claims, amounts with their units; a channel's in micro-tokens and tokens
 * ({@link MicroTokens#text}).
 */
final class RecordLine {
    private RecordLine() {
    }

    static String of(RecordBody body) {
        if (body instanceof MeteringSample sample) {
            return String.format("metering  %-24s %d %s over %d ms", sample.resource(), sample.quantity(),
                    sample.unit(), sample.periodMillis());
        } else if (body instanceof Receipt receipt) {
            return "receipt   signed by " + receipt.counterparty() + claimOf(receipt);
        } else if (body instanceof CheckpointMarker marker) {
            return "checkpoint size " + marker.size() + " root " + marker.root().hex();
        } else if (body instanceof KeyEvent event) {
            return "key-event " + event.kind() + " " + event.key();
        }
        throw new IllegalStateException("unknown record body " + body.getClass().getName());
    }

    /** What a signed document in a receipt record claims, or nothing for other signed statements. */
    private static String claimOf(Receipt receipt) {
        Optional<Domain> domain = CoseSign1.domainOf(receipt.statement());
        if (domain.isEmpty()) {
            return "";
        }
        try {
            return switch (domain.get()) {
                case STORAGE_AGREEMENT -> {
                    StorageTerms terms = StorageTerms.decode(payload(receipt, Domain.STORAGE_AGREEMENT));
                    yield "  storage agreement " + terms.idHex() + " " + terms.size() + " B until " + terms.end();
                }
                case STORAGE_EVIDENCE -> {
                    AuditEvidence.Summary evidence = AuditEvidence.read(receipt);
                    yield "  storage audit " + evidence.verdict().name().toLowerCase(Locale.ROOT) + " "
                            + evidence.agreementId() + " at " + evidence.atMillis() + ": " + evidence.reason();
                }
                case COMPUTE_EVIDENCE -> {
                    ComputeEvidence.Summary evidence = ComputeEvidence.read(receipt);
                    yield "  compute results disagree " + evidence.jobId() + " at " + evidence.atMillis() + ": "
                            + evidence.reason();
                }
                case CHANNEL_OPEN -> {
                    ChannelTerms terms = ChannelTerms.decode(payload(receipt, Domain.CHANNEL_OPEN));
                    yield "  channel open " + terms.id() + " payer " + terms.payer() + " payee " + terms.payee()
                            + " deposit " + MicroTokens.text(terms.deposit());
                }
                case CHANNEL_PROOF -> {
                    BalanceProof proof = BalanceProof.fromLedger(receipt.counterparty(), receipt.statement(),
                            receipt.signature());
                    yield "  channel payment " + proof.channelId() + " paid " + MicroTokens.text(proof.paid()) + " in all";
                }
                case CHANNEL_CLOSE -> {
                    ChannelAmount amount = ChannelAmount.decode(payload(receipt, Domain.CHANNEL_CLOSE), "channel close");
                    yield "  channel close " + amount.channel() + " paid " + MicroTokens.text(amount.paid());
                }
                case RECEIPT -> {
                    ReceiptClaim claim = SignedReceipt.fromLedger(receipt.counterparty(), receipt.statement(),
                            receipt.signature()).claim();
                    yield "  " + claim.resource() + " " + claim.amount() + " " + claim.resource().unit() + " cumulative";
                }
                default -> "";
            };
        } catch (ContractException e) {
            return "  (not a valid " + domain.get().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
                    + e.getMessage() + ")";
        }
    }

    private static byte[] payload(Receipt receipt, Domain domain) {
        return CoseSign1.fromToBeSigned(domain, receipt.counterparty(), receipt.statement(), receipt.signature())
                .payload();
    }
}
