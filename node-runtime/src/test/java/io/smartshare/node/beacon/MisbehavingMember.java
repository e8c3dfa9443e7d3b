package io.smartshare.node.beacon;

import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.beacon.Submission;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.node.daemon.Node;
import io.smartshare.node.testing.DoubleNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test double of a shard member that cheats, as {@code <data-dir>/misbehave} says: {@code
 * overreach} adds to its submission a record at an index its checkpoint does not cover;
 * {@code forge-proof} adds a record with a made-up inclusion proof. Whatever the file says,
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

    private static OwnSubmission submissions(String how, NodeIdentity identity, Ledger ledger) {
        return new OwnSubmission(identity, ledger) {
            @Override
            List<Submission.Entry> entries(SignedCheckpoint checkpoint) {
                List<Submission.Entry> entries = new ArrayList<>(super.entries(checkpoint));
                byte[] first = this.ledger.readEncoded(0, 1).get(0);
                if (how.equals("overreach")) {
                    entries.add(new Submission.Entry(checkpoint.size() + 3, first,
                            this.ledger.inclusionProof(0, checkpoint.size()).path()));
                } else if (how.equals("forge-proof")) {
                    entries.add(new Submission.Entry(0, first, List.of(Hash.of(new byte[Hash.LENGTH]))));
                }
                return entries;
            }
        };
    }
}
