package io.smartshare.node.cli;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.beacon.BeaconRejection;
import io.smartshare.contracts.beacon.Beacons;
import io.smartshare.contracts.beacon.MemberLeaf;
import io.smartshare.contracts.beacon.ResultLeaf;
import io.smartshare.contracts.beacon.RewardProof;
import io.smartshare.contracts.beacon.ShardMembership;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.node.beacon.MembershipFile;
import io.smartshare.node.config.NodeConfig;
import io.smartshare.node.config.NodeConfigReader;
import io.smartshare.node.config.RewardsConfig;
import io.smartshare.node.config.RewardsConfigReader;
import io.smartshare.node.status.NodeDocuments;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/** {@code smartshare-node beacon verify --member ID --epoch E --config FILE [coap://beacon]}. */
final class BeaconCommand {
    static final String HELP = """
            usage: smartshare-node beacon verify --member ID --epoch E --config FILE [coap://host[:port]]

            Checks a member's reward in epoch E from the shard beacon's roots alone, with no
            member data (docs/beacon.md): asks the beacon that closed the epoch (default
            coap://localhost:5683) for the beacon checkpoint, the member's leaf and the result,
            and checks that the checkpoint is signed by a member under its beacon log and
            cosigned by the membership's quorum, that the member's leaf and the result's leaf
            are in it, that the member's ledger checkpoint in the leaf is signed by the member,
            and that the result's bytes have the hash the log holds. The membership is the one
            FILE names (beacon.membership), trusted through its rewards.trusted-issuers.
            Prints the reward; exit 1, naming what failed, if anything does not verify.
            """;

    private BeaconCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Args parsed = Args.parse("beacon", args, Set.of("member", "epoch", "config"), Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        List<String> operands = parsed.operands(2);
        if (operands.isEmpty() || !operands.get(0).equals("verify")) {
            throw new UsageException("expected 'beacon verify --member ID --epoch E --config FILE [coap://host]'");
        }
        NodeId member;
        try {
            member = new NodeId(parsed.option("member").orElseThrow(() -> new UsageException("give --member ID")));
        } catch (IdentityException e) {
            throw new UsageException(e.getMessage());
        }
        long epoch = parsed.intOption("epoch", 0, Integer.MAX_VALUE).orElseThrow(() -> new UsageException(
                "give --epoch E"));
        NodeConfig config = NodeConfigReader.read(Path.of(parsed.option("config").orElseThrow(() ->
                new UsageException("give --config FILE (beacon.membership and rewards.trusted-issuers)"))));
        URI base;
        try {
            base = NodeDocuments.baseUri(operands.size() > 1 ? operands.get(1) : "coap://localhost:5683");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (NodeDocuments node = new NodeDocuments(base)) {
            ShardMembership membership = membership(config);
            CborFields proof = CborFields.of(CborFields.decode(node.bytes("beacon/proof?epoch=" + epoch + "&member="
                    + member.value(), MediaTypeRegistry.APPLICATION_CBOR), "beacon proof"), "beacon proof", 7);
            SignedCheckpoint note = Beacons.note(proof.bytes(0, "note", -1), "beacon proof");
            byte[] result = node.pieces("beacon/results?epoch=" + epoch, MediaTypeRegistry.APPLICATION_CBOR, 8 << 20);
            Outcome<MemberLeaf, BeaconRejection> leaf = RewardProof.verify(membership, note, proof.bytes(1, "leaf", -1),
                    new InclusionProof(proof.uint(2, "index"), note.size(), Beacons.path(proof.value(3), "beacon proof")));
            Outcome<ResultLeaf, BeaconRejection> resultLeaf = RewardProof.verifyResult(membership, note,
                    proof.bytes(4, "result leaf", -1), new InclusionProof(proof.uint(5, "result index"), note.size(),
                            Beacons.path(proof.value(6), "beacon proof")), result);
            if (leaf.rejection().isPresent() || resultLeaf.rejection().isPresent()) {
                err.println("smartshare-node beacon: does not verify: " + leaf.rejection().map(Object::toString)
                        .orElse(resultLeaf.rejection().map(Object::toString).orElse("")));
                return Main.FAILED;
            }
            MemberLeaf m = leaf.orElseThrow();
            if (!NodeId.of(m.reward().node()).equals(member) || m.epoch() != epoch || resultLeaf.orElseThrow().epoch()
                    != epoch) {
                err.println("smartshare-node beacon: the beacon answered a leaf of another member or epoch");
                return Main.FAILED;
            }
            long cosigners = membership.members().stream().filter(k -> note.isCosignedBy(Beacons.witnessName(k), k))
                    .count();
            out.printf("member %s epoch %d: reward %d µT (earned %d, capped %d, dust share %d)%n", member, epoch,
                    m.reward().reward(), m.reward().earned(), m.reward().capped(), m.reward().dustShare());
            out.printf("  its ledger checkpoint: size %d root %s, signed by the member%n", m.checkpoint().size(),
                    m.checkpoint().root().hex());
            out.printf("  beacon log %s @ %d, cosigned by %d of %d members (quorum %d)%n", note.origin(), note.size(),
                    cosigners, membership.members().size(), membership.quorum());
            out.printf("  result %s of %d members' checkpoints (membership %s v%d)%n",
                    HexFormat.of().formatHex(resultLeaf.orElseThrow().resultHash()), resultLeaf.orElseThrow().members(),
                    membership.shardId(), membership.version());
            out.println("verified from the beacon's checkpoint and proofs alone");
            return Main.OK;
        } catch (NodeDocuments.NodeDocumentException | IOException | io.smartshare.contracts.ContractException e) {
            err.println("smartshare-node beacon: " + e.getMessage());
            return Main.FAILED;
        }
    }

    private static ShardMembership membership(NodeConfig config) throws IOException {
        RewardsConfig rewards = config.section("rewards").map(RewardsConfigReader::read)
                .orElseGet(RewardsConfig::defaults);
        Path file = config.section("beacon").flatMap(MembershipFile::path).orElseThrow(() -> new UsageException(
                "the config names no beacon.membership"));
        return MembershipFile.verify(file, rewards.trustedIssuers());
    }
}
