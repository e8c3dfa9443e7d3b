package io.smartshare.node.beacon;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.beacon.BeaconRejection;
import io.smartshare.contracts.beacon.ShardMembership;
import io.smartshare.contracts.beacon.SubmissionCheck;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.ledger.equivocation.EquivocationEvidence;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.verify.LogVerifier;
import io.smartshare.node.status.NodeDocuments;
import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.Mosquitto;
import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.NodeProcess;
import io.smartshare.node.testing.SeededIdentities;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shard beacon with five member processes (docs/beacon.md): an epoch closes and every
 * member's reward verifies from roots alone, equal to what {@code rewards settle} computes
 * from the full data dirs; the chosen beacon killed, the next one closes the epoch; members
 * that cheat in their submissions are refused with evidence, and a beacon that equivocates is
 * caught by the members that cosigned its checkpoint.
 * Epochs of 60 s (the first test) and 20 s (the second), 8 s for each candidate beacon before
 * the next takes over, quorum 3 of 5.
 */
class BeaconIT {
    private static final NodeIdentity ISSUER = SeededIdentities.identity(0x70);
    private static final int MEMBERS = 5;
    private static final Pattern REWARD = Pattern.compile("reward (\\d+) µT");

    @TempDir
    Path dir;

    private ShardMembership membership;

    /**
     * Key files for the members of {@code home} (seeds 0x71…), the schedule, the membership with
     * epochs of {@code epochSeconds}; the config lines.
     */
    private String shard(Path home, int epochSeconds) throws Exception {
        List<Ed25519PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            SeededIdentities.writeKeyFile(home.resolve("n" + i).resolve("data").resolve("node.key"), 0x71 + i);
            keys.add(SeededIdentities.identity(0x71 + i).publicKey());
        }
        RateTerms relay = new RateTerms(2000, 1_000_000, 300_000);
        Path schedule = Files.write(Files.createDirectories(home).resolve("schedule.cose"), new RewardSchedule(1, 0,
                500_000, Map.of(Resource.RELAY_UP, relay, Resource.RELAY_DOWN, relay)).sign(ISSUER));
        membership = new ShardMembership("test-shard", 1, keys, 3, epochSeconds, 8);
        Path members = Files.write(home.resolve("shard.cose"), membership.sign(ISSUER));
        return "  trusted-issuers: [" + HexFormat.of().formatHex(ISSUER.publicKey().encoded()) + "]\n  schedule: "
                + schedule + "\nbeacon:\n  membership: " + members + "\n";
    }

    private static int index(Ed25519PublicKey key) {
        for (int i = 0; i < MEMBERS; i++) {
            if (SeededIdentities.identity(0x71 + i).publicKey().equals(key)) {
                return i;
            }
        }
        throw new AssertionError("not a member: " + key);
    }

    /** Waits until node {@code i} lists {@code epoch} closed in its /beacon. */
    private static Map<String, Object> awaitClosed(NodeLine line, int i, long epoch) throws Exception {
        return line.await(i, "/beacon", doc -> list(doc, "closed").stream()
                .anyMatch(c -> number((Map<String, Object>) c, "epoch") == epoch));
    }

    private NodeProcess.Result verify(NodeLine line, int member, long epoch, int beacon) throws Exception {
        return NodeProcess.runToEnd(List.of("beacon", "verify", "--member", line.id(member), "--epoch",
                Long.toString(epoch), "--config", line.configFile(member).toString(),
                "coap://127.0.0.1:" + line.node(beacon).coapPort()));
    }

    private static long reward(NodeProcess.Result verified) {
        Matcher m = REWARD.matcher(verified.stdout());
        assertTrue(m.find(), verified.stdout() + verified.stderr());
        return Long.parseLong(m.group(1));
    }

    @Test
    void anEpochClosesAndEveryRewardVerifiesFromRootsAloneAsRewardsSettleComputesIt() throws Exception {
        Path home = dir.resolve("line");
        // 60 s epochs: the next epoch's submissions (new ledger checkpoints) come 62 s after this
        // one ends, well after the kills that keep the ledgers as rewards settle must read them.
        String config = shard(home, 60);
        Files.write(dir.resolve("body"), new byte[8_000]); // SmallDeviceCoapConfig caps bodies at 8 KiB
        try (Mosquitto broker = Mosquitto.on(dir.resolve("broker"), Mosquitto.freePort()).start();
                NodeLine line = NodeLine.start(home, MEMBERS, config + "mqtt:\n  host: 127.0.0.1\n  port: "
                        + broker.port() + "\n  metrics-seconds: 1\n")) {
            List<String> published = broker.subscribe("beacon", "smartshare/shard/+/beacon");
            for (int i = 0; i < 10; i++) { // 80 000 bytes: beyond the receipt tolerance's slack
                line.relay(0, 4, dir.resolve("body"));
            }
            line.await(1, "/rewards", doc -> !list(doc, "accepted").isEmpty());
            long epoch = membership.epochAt(System.currentTimeMillis());
            int beacon = index(membership.order(epoch).get(0));
            awaitClosed(line, beacon, epoch);

            byte[] result;
            Optional<byte[]> previous;
            try (NodeDocuments docs = new NodeDocuments(URI.create("coap://127.0.0.1:" + line.node(beacon).coapPort()))) {
                result = docs.pieces("beacon/results?epoch=" + epoch, MediaTypeRegistry.APPLICATION_CBOR, 1 << 20);
                // The epoch before (the nodes started in it) may have closed too: this one is then
                // settled after its marks, as rewards settle --previous does.
                previous = awaitPrevious(docs, epoch - 1);
            }
            String events = line.node(beacon).log().lines().filter(l -> l.contains("event=beacon-"))
                    .reduce("", (a, b) -> a + b + "\n");
            Map<String, Object> topic = awaitPublished(published, epoch);
            assertEquals("test-shard", topic.get("shard"));
            assertEquals(line.id(4), topic.get("via"), "the gateway publishes (mqtt.publish-from: gateways)");
            assertTrue(((String) topic.get("beacon-log")).endsWith(line.id(beacon)), topic.toString());
            assertTrue(number(topic, "cosigners") >= membership.quorum(), topic.toString());
            assertEquals(MEMBERS, number(topic, "members"), "every member's submission settled: " + events);
            assertEquals(HexFormat.of().formatHex(Sha256.of(result)), topic.get("result-sha256"));
            // The ledgers must not move past the checkpoints submitted: the members are killed now
            // (kill -9: no final checkpoint), the beacon once it answered the verifications, all
            // long before the next epoch's submissions (62 s after this one ends).
            for (int i = 0; i < MEMBERS; i++) {
                if (i != beacon) {
                    line.node(i).process().destroyForcibly().waitFor();
                }
            }
            long[] rewards = new long[MEMBERS];
            for (int i = 0; i < MEMBERS; i++) {
                NodeProcess.Result verified = verify(line, i, epoch, beacon);
                assertEquals(0, verified.exitCode(), verified.stdout() + verified.stderr());
                assertTrue(verified.stdout().contains("verified from the beacon's checkpoint and proofs alone"));
                rewards[i] = reward(verified);
            }
            assertTrue(rewards[1] > 0, "n1 relayed for n0 and earned: " + Arrays.toString(rewards));
            line.node(beacon).process().destroyForcibly().waitFor();

            List<String> members = new ArrayList<>();
            for (int i = 1; i < MEMBERS; i++) {
                members.add(line.dataDir(i).toString());
            }
            Path out = dir.resolve("settled.cbor");
            List<String> settle = new ArrayList<>(List.of("rewards", "settle", "--config", line.configFile(0).toString(),
                    "--epoch", Long.toString(epoch), "--data-dir", line.dataDir(0).toString(), "--members",
                    String.join(",", members), "--out", out.toString()));
            if (previous.isPresent()) {
                settle.addAll(List.of("--previous", Files.write(dir.resolve("previous.cbor"), previous.get()).toString()));
            }
            NodeProcess.Result settled = NodeProcess.runToEnd(settle);
            assertEquals(0, settled.exitCode(), settled.stderr());
            assertArrayEquals(Files.readAllBytes(out), result, "the beacon's result is, byte for byte, what rewards"
                    + " settle computes from the five data dirs\n" + settled.stdout() + "\nbeacon: " + events);
            for (int i = 0; i < MEMBERS; i++) {
                if (rewards[i] > 0) {
                    assertTrue(Pattern.compile(line.id(i) + "\\s+\\d+\\s+\\d+\\s+" + rewards[i] + "\\b")
                            .matcher(settled.stdout()).find(), line.id(i) + " " + rewards[i] + "\n" + settled.stdout());
                }
            }
            assertNoMemberRecordIn(line, beacon);
        }
    }

    /**
     * The result of {@code epoch} if the beacon knows it closed: a member learns an epoch a few
     * seconds into the next one, so this waits until the epoch after {@code epoch} has had its
     * first two turns (the beacon knows it by then, or it was not closed).
     */
    private Optional<byte[]> awaitPrevious(NodeDocuments docs, long epoch) throws Exception {
        long settled = membership.endMillis(epoch) + 4_000 + membership.takeoverSeconds() * 1000;
        Thread.sleep(Math.max(0, settled - System.currentTimeMillis()));
        try {
            return Optional.of(docs.pieces("beacon/results?epoch=" + epoch, MediaTypeRegistry.APPLICATION_CBOR, 1 << 20));
        } catch (NodeDocuments.NodeDocumentException e) {
            assertTrue(e.getMessage().contains("4.04"), e.getMessage());
            return Optional.empty();
        }
    }

    /** The message on {@code smartshare/shard/test-shard/beacon} for {@code epoch}, as mosquitto_sub printed it. */
    private static Map<String, Object> awaitPublished(List<String> lines, long epoch) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                for (String l : lines) {
                    if (l.startsWith("smartshare/shard/test-shard/beacon ")) {
                        Map<String, Object> doc = JsonDocument.object(l.substring(l.indexOf(' ') + 1));
                        if (number(doc, "epoch") == epoch) {
                            return doc;
                        }
                    }
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("epoch " + epoch + " not published within 60 s: " + lines);
    }

    /** No receipt any other member holds appears in any file the beacon service keeps. */
    private static void assertNoMemberRecordIn(NodeLine line, int beacon) throws Exception {
        List<byte[]> statements = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            if (i != beacon) {
                new LogVerifier(SeededIdentities.identity(0x71 + i).publicKey()).verifyDirectory(
                        line.dataDir(i).resolve("ledger"), record -> {
                            if (record.body() instanceof Receipt r) {
                                statements.add(r.statement());
                            }
                        });
            }
        }
        assertFalse(statements.isEmpty(), "the members hold receipts");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(line.dataDir(beacon).resolve(BeaconService.DIRECTORY))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (byte[] statement : statements) {
                assertFalse(contains(bytes, statement), file + " holds a member's receipt");
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void theNextBeaconTakesOverAndCheatingMembersAndAnEquivocatingBeaconAreCaughtWithEvidence() throws Exception {
        Path home = dir.resolve("mesh");
        String config = shard(home, 20);
        Files.writeString(home.resolve("n0").resolve("data").resolve("misbehave"), "overreach");
        Files.writeString(home.resolve("n1").resolve("data").resolve("misbehave"), "forge-proof");
        try (NodeLine mesh = NodeLine.startFullMesh(home, MEMBERS, config, i -> Optional.of(MisbehavingMember.class))) {
            long now = System.currentTimeMillis();
            long epoch = membership.epochAt(now);
            if (membership.endMillis(epoch) - now < 4_000) {
                epoch++;
            }
            int chosen = index(membership.order(epoch).get(0));
            int next = index(membership.order(epoch).get(1));
            mesh.node(chosen).process().destroyForcibly().waitFor();
            Map<String, Object> closed = awaitClosed(mesh, next, epoch);
            assertTrue(list(closed, "closed").toString().contains(mesh.id(next)), "closed by the next: " + closed);

            int honest = Stream.of(2, 3, 4).filter(i -> i != chosen).findFirst().orElseThrow();
            NodeProcess.Result verified = verify(mesh, honest, epoch, next);
            assertEquals(0, verified.exitCode(), verified.stdout() + verified.stderr());

            Path evidence = mesh.dataDir(next).resolve(BeaconService.DIRECTORY).resolve("evidence");
            Map<Integer, BeaconRejection> cheats = Map.of(0, BeaconRejection.RECORD_BEYOND_CHECKPOINT, 1,
                    BeaconRejection.PROOF_INVALID);
            for (Map.Entry<Integer, BeaconRejection> cheat : cheats.entrySet()) {
                if (cheat.getKey() == chosen) {
                    continue; // killed before it could submit
                }
                Path file = evidence.resolve("submission-" + epoch + "-" + mesh.id(cheat.getKey()) + "-"
                        + cheat.getValue().name().toLowerCase(java.util.Locale.ROOT) + ".cose");
                assertTrue(Files.exists(file), file + " in " + listing(evidence));
                assertEquals(cheat.getValue(), SubmissionCheck.check(Files.readAllBytes(file), membership, epoch)
                        .rejection().orElseThrow().reason(), "the evidence is portable: anyone rechecks it");
                NodeProcess.Result cheater = verify(mesh, cheat.getKey(), epoch, next);
                assertEquals(1, cheater.exitCode(), "a refused member has no reward in the epoch: " + cheater.stdout());
            }
            assertTrue(mesh.node(next).log().contains("event=beacon-submission-refused"), "logged");

            // The beacon asks members to cosign until it has the quorum; those, and only those, saw the
            // honest checkpoint before the second history, so they catch it (the others cosign nothing
            // they could compare it with).
            Ed25519PublicKey beaconKey = SeededIdentities.identity(0x71 + next).publicKey();
            List<Path> caught = new ArrayList<>();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (caught.size() < membership.quorum() && System.nanoTime() < deadline) {
                caught.clear();
                for (int i = 0; i < MEMBERS; i++) {
                    if (i != chosen) {
                        equivocation(mesh.dataDir(i), mesh.id(next)).ifPresent(caught::add);
                    }
                }
                Thread.sleep(500);
            }
            assertTrue(caught.size() >= membership.quorum(), "caught by the cosigners: " + caught);
            for (Path file : caught) {
                assertTrue(EquivocationEvidence.decode(Files.readAllBytes(file)).verify(beaconKey),
                        "two histories, both signed by the beacon: " + file);
                int witness = Integer.parseInt(file.toString().replaceAll(".*/n(\\d)/data/.*", "$1"));
                assertTrue(number(mesh.get(witness, "/beacon"), "equivocations") >= 1);
                assertTrue(mesh.node(witness).log().contains("event=beacon-equivocation"), "logged");
            }
        }
    }

    /** The equivocation evidence against {@code beacon} kept in {@code data}, if any. */
    private static Optional<Path> equivocation(Path data, String beacon) throws Exception {
        Path evidence = data.resolve(BeaconService.DIRECTORY).resolve("evidence");
        if (!Files.isDirectory(evidence)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(evidence)) {
            return files.filter(f -> f.getFileName().toString().startsWith("equivocation-" + beacon)).findFirst();
        }
    }

    private static List<String> listing(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
