package io.smartshare.node.beacon;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.beacon.Submission;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.record.Record;
import io.smartshare.node.daemon.Node;
import io.smartshare.node.testing.DoubleNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test double of a shard member that cheats, as {@code <data-dir>/misbehave} says: {@code
 * overreach} adds to its submission a receipt record of a million bytes at an index its
 * checkpoint does not cover; {@code forge-proof} adds such a receipt at index 0 with a made-up
 * inclusion proof. Whatever the file says,
 * when it is the beacon it equivocates: after the members cosigned its log, it shows them a
 * second checkpoint of the same size with another root. Started by {@link
 * io.smartshare.node.testing.NodeLine} in place of the jar's main class.
 */
public final class MisbehavingMember {
    private MisbehavingMember() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        Path data = DoubleNode.dataDir(args);
        Path file = data.resolve("misbehave");
        String how = Files.exists(file) ? Files.readString(file).trim() : "";
        NodeIdentity identity = KeyFile.load(data.resolve(Node.KEY_FILE));
        DoubleNode.run(args, service -> service instanceof BeaconService
                ? new BeaconService((id, ledger) -> submissions(how, id, ledger), parts -> new EpochCloser(parts) {
                    @Override
                    List<SignedCheckpoint> shown(SignedCheckpoint note) {
                        Hash other = Hash.of(Sha256.of(note.root().bytes()));
                        return List.of(note, SignedCheckpoint.sign(new Checkpoint(note.origin(), note.size(), other),
                                identity));
                    }
                })
                : service);
    }

    /** A receipt record of a million relayed bytes at {@code seq}, which the member's ledger does not hold. */
    static byte[] receipt(NodeIdentity identity, long seq) {
        ReceiptClaim claim = new ReceiptClaim(identity.publicKey(), identity.publicKey(), Resource.RELAY_UP, 1_000_000, 0,
                1, new byte[ReceiptClaim.NONCE_LENGTH], CheckpointRef.of(0, new byte[Hash.LENGTH]));
        return new Record(seq, seq == 0 ? Hash.ZERO : Hash.of(Sha256.of(new byte[] {1})), System.currentTimeMillis(),
                SignedReceipt.sign(claim, identity).ledgerEntry()).encode();
    }

    private static OwnSubmission submissions(String how, NodeIdentity identity, Ledger ledger) {
        return new OwnSubmission(identity, ledger) {
            @Override
            List<Submission.Entry> entries(SignedCheckpoint checkpoint) {
                List<Submission.Entry> entries = new ArrayList<>(super.entries(checkpoint));
                long beyond = checkpoint.size() + 3;
                if (how.equals("overreach")) {
                    entries.add(new Submission.Entry(beyond, receipt(identity, beyond),
                            this.ledger.inclusionProof(0, checkpoint.size()).path()));
                } else if (how.equals("forge-proof")) {
                    entries.add(new Submission.Entry(0, receipt(identity, 0), List.of(Hash.of(new byte[Hash.LENGTH]))));
                }
                return entries;
            }
        };
    }
}
