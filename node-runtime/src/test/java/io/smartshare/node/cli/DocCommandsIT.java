package io.smartshare.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.DocBlocks;
import io.smartshare.node.testing.GuideShell;
import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.NodeProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command the README, the operator guide and the vendor guide show, run as shown on
 * real node processes ({@link GuideShell}: only the guides' placeholders are replaced, such
 * as the example address 192.0.2.10 by a node's loopback address and port): the nodes the
 * guides start (the sim board, generic-linux with a config, a vendor's board file), the
 * monitoring (with {@code status --json} and {@code --watch}, which the guide names), mesh,
 * config, channel and ledger commands on a two-node line (n0, n1 the gateway) with a signed
 * schedule, the sims the README and the guide start, and the issuer's {@code sign-schedule}. The transcripts
 * the operator guide shows ({@code status}, {@code channel list} and {@code show}) have the
 * shape of what the program printed here ({@link DocBlocks#shape}); the {@code sim}
 * transcript is SimCommandIT's. A command that cannot run here is listed in
 * {@link #ELSEWHERE} with the test or script that runs its flow, which must contain the
 * given text. A command the guides show that is neither run nor listed fails the test, as
 * does a listed one they no longer show.
 */
class DocCommandsIT {
    private static final List<String> GUIDES = List.of("README.md", "docs/operator-guide.md", "docs/vendor-guide.md");
    private static final String IT = "node-runtime/src/test/java/io/smartshare/node/";
    private static final String TRANSCRIPTS = "target/guide-transcripts";
    /** A command in a code span of the text: the node's or libcoap's client, with arguments. */
    private static final Pattern SPAN = Pattern.compile("`((?:bin/)?smartshare-node [^`]+|coap-client-\\w+ [^`]+)`");

    /** Where a command that does not run here runs, and why not here. */
    record Elsewhere(String file, String contains, String why) {
    }

    private static final Map<String, Elsewhere> ELSEWHERE = elsewhere();

    private static Map<String, Elsewhere> elsewhere() {
        Map<String, Elsewhere> m = new LinkedHashMap<>();
        m.put("sudo scripts/test", new Elsewhere(".ci/run", "scripts/test", "CI runs it; it runs this test"));
        Elsewhere deb = new Elsewhere(IT + "packaging/DebPackageIT.java", "run(\"dpkg\", \"-i\", deb.toString())",
                "DebPackageIT installs the .deb on this machine and checks its files and unit");
        m.put("dpkg -i smartshare-node_<version>_all.deb", deb);
        Elsewhere editor = new Elsewhere(deb.file(), "/etc/default/smartshare-node",
                "an editor; DebPackageIT checks the installed file");
        m.put("$EDITOR /etc/default/smartshare-node", editor);
        m.put("$EDITOR /etc/smartshare/node.yaml", new Elsewhere(deb.file(), "/etc/smartshare/node.yaml", editor.why()));
        Elsewhere systemd = new Elsewhere(deb.file(), "systemd-analyze",
                "no systemd as PID 1 here (docs TESTBED); DebPackageIT checks the unit offline");
        m.put("systemctl restart smartshare-node", systemd);
        m.put("systemctl edit smartshare-node", systemd);
        Elsewhere image = new Elsewhere(IT + "packaging/ArmJvmIT.java", "\"tar\", \"-C\"",
                "an arm64 image: ArmJvmIT unpacks it and runs these under qemu-user");
        m.put("tar -C /opt -xzf smartshare-node-<version>-linux-arm64.tar.gz", image);
        m.put("/opt/smartshare-node-linux-arm64/bin/smartshare-node --version", image);
        m.put("/opt/smartshare-node-linux-arm64/bin/smartshare-node board check raspberry-pi-4b", image);
        m.put("/opt/smartshare-node-linux-arm64/bin/smartshare-node run --board raspberry-pi-4b --data-dir /var/lib/smartshare",
                image);
        Elsewhere mesh = new Elsewhere("scripts/mesh-netns-test", "--mesh-interface m0",
                "multicast needs an interface of its own: MeshNetnsIT runs this script, nodes with "
                        + "--mesh-interface in network namespaces, one with --uplink");
        m.put("bin/smartshare-node run --board generic-linux --mesh-interface eth0 --uplink 20000", mesh);
        m.put("bin/smartshare-node run --board generic-linux --mesh-interface wlan0", mesh);
        m.put("bin/smartshare-node rewards settle --config node.yaml --epoch 7 --data-dir /var/lib/smartshare "
                + "--members /mnt/b,/mnt/c --previous epoch-6.cbor --out epoch-7.cbor",
                new Elsewhere(IT + "rewards/RewardsSettleIT.java", "\"--previous\"",
                        "needs several nodes' ledgers and a previous epoch: RewardsSettleIT settles two epochs"));
        // the text names these commands; the lines to type are in the fenced blocks
        m.put("bin/smartshare-node rewards settle", new Elsewhere(IT + "rewards/RewardsSettleIT.java", "\"settle\"",
                "names the command: RewardsSettleIT runs it"));
        Elsewhere channel = new Elsewhere(IT + "rewards/ChannelsIT.java", "\"channel\"",
                "names the command: ChannelsIT and this test run it");
        m.put("bin/smartshare-node channel", channel);
        m.put("smartshare-node channel", channel);
        m.put("bin/smartshare-node beacon verify", new Elsewhere(IT + "beacon/BeaconIT.java", "\"verify\"",
                "names the command: BeaconIT runs it"));
        return m;
    }

    @TempDir
    Path dir;
    private GuideShell shell;

    @Test
    void everyCommandTheGuidesShowRuns() throws Exception {
        Map<String, String> shown = shown();
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path config = Files.writeString(etc.resolve("node.yaml"), """
                security:
                  psk:
                    - identity: %s
                      key: %s
                      may-write-config: true
                """.formatted(NodeLine.OPERATOR, NodeLine.OPERATOR_KEY));
        shell = new GuideShell(shown, Files.createDirectories(dir.resolve("work")),
                Map.of("KEY", NodeLine.OPERATOR_KEY, "SMARTSHARE_CDS_DIR", ""));
        shell.replace("/etc/smartshare/node.yaml", config.toString());
        shell.replace("/var/lib/smartshare", dir.resolve("var-lib").toString());

        nodesTheGuidesStart();
        sims();
        RateTerms relay = new RateTerms(2000, 1_000_000, 300_000);
        RewardSchedule schedule = new RewardSchedule(1, 0, 500_000, Map.of(Resource.RELAY_UP, relay,
                Resource.RELAY_DOWN, relay));
        try (NodeLine line = NodeLine.startWithSchedule(Files.createDirectories(dir.resolve("line")), 2, schedule)) {
            shell.replace("coaps://192.0.2.10", "coaps://127.0.0.1:" + line.node(0).coapsPort());
            shell.replace("192.0.2.10", "127.0.0.1:" + line.node(0).coapPort());
            shell.replace("\"a long random secret\"", NodeLine.OPERATOR_KEY);
            shell.replace("DIR", line.dataDir(0).toString());
            monitor(line);
            mesh(line);
            channels(line);
            ledger(line);
        }
        signSchedule();

        assertEquals(List.of(), unaccounted(shown));
    }

    /** The commands the guides show that no test runs, and the listed ones no guide shows or whose test lacks its text. */
    private List<String> unaccounted(Map<String, String> shown) throws IOException {
        List<String> wrong = new ArrayList<>();
        shown.forEach((command, where) -> {
            if (!shell.ran().contains(command) && !ELSEWHERE.containsKey(command)) {
                wrong.add(where + ": '" + command + "' is run by no test");
            }
        });
        for (Map.Entry<String, Elsewhere> e : ELSEWHERE.entrySet()) {
            if (!shown.containsKey(e.getKey())) {
                wrong.add("'" + e.getKey() + "' is listed as run elsewhere, but no guide shows it");
            }
            if (!Files.readString(DocBlocks.root().resolve(e.getValue().file())).contains(e.getValue().contains())) {
                wrong.add("'" + e.getKey() + "': " + e.getValue().file() + " holds no " + e.getValue().contains());
            }
        }
        return wrong;
    }

    /**
     * The README's node (its data in ./var, which {@code DIR} stands for at first), generic-linux
     * with a config, and a vendor's own board file, each on the default ports.
     */
    private void nodesTheGuidesStart() throws Exception {
        shell.replace("DIR", "var");
        GuideShell.Running node = shell.start("bin/smartshare-node run");
        node.await("event=listening scheme=coap port=5683");
        assertEquals("up", get(5683, "health").get("status"));
        String id = shell.run("smartshare-node id --data-dir DIR").strip();
        assertTrue(shell.run("bin/smartshare-node status").startsWith("node      " + id), "status asks localhost");
        assertTrue(shell.run("smartshare-node status").startsWith("node      " + id));
        assertTrue(shell.run("coap-client-notls coap://localhost/node").contains(id));
        assertTrue(shell.run("smartshare-node --version").startsWith("smartshare-node "));
        node.stop();

        GuideShell.Running linux = shell.start("bin/smartshare-node run --board generic-linux --data-dir "
                + "/var/lib/smartshare --config /etc/smartshare/node.yaml");
        linux.await("event=listening scheme=coaps port=5684");
        assertEquals("generic-linux", get(5683, "node").get("board"));
        linux.stop();

        String board = Files.readString(DocBlocks.root().resolve("board-configs/generic-linux.yaml"))
                .replace("name: generic-linux", "name: my-board")
                .replace("default-data-dir: /var/lib/smartshare", "default-data-dir: " + dir.resolve("my-board-data"));
        Path file = Files.writeString(dir.resolve("work/my-board.yaml"), board);
        assertTrue(shell.run("smartshare-node board check my-board.yaml").contains("valid board 'my-board'"));
        shell.replace("/etc/smartshare/my-board.yaml", file.toString());
        shell.replace("[device]", "127.0.0.1");
        GuideShell.Running vendor = shell.start("smartshare-node run --board /etc/smartshare/my-board.yaml");
        vendor.await("event=listening scheme=coap port=5683");
        String health = shell.run("coap-client-notls -m get coap://[device]/health");
        assertTrue(health.contains("\"driver\":\"linux\""), health);
        vendor.stop();
    }

    /** The sims the README and the operator guide start: every node attached, and the README's healing around n5. */
    private void sims() throws Exception {
        GuideShell.Running heals = shell.start("bin/smartshare-node sim --nodes 16 --topology grid --kill n5@10");
        GuideShell.Running grid = shell.start("bin/smartshare-node sim --nodes 16 --topology grid");
        grid.await("summary: attached 16/16");
        grid.stop();
        heals.await("healed: every live node has a route again, none through n5");
        heals.stop();
    }

    /** "Monitor", "Changing settings at run time" and "Rewards" against n0 (the fleet against the gateway, n1). */
    private void monitor(NodeLine line) throws Exception {
        shell.replace("-s 60", "-s 2"); // observe for 2 s, not a minute
        String status = shell.run("bin/smartshare-node status coap://192.0.2.10");
        transcript("status", "smartshare-node status", List.of("$ smartshare-node status " + line.node(0).coapUri("")),
                List.of(status));
        assertTrue(status.startsWith("node      " + line.id(0)) && status.contains("route to the gateway via "
                + line.id(1)) && status.contains("          " + line.id(1) + " up    ETX "), status);
        statusForScriptsAndWatched(line);
        assertTrue(shell.run("coap-client-notls coap://192.0.2.10/.well-known/core").contains("</health>"));
        assertTrue(shell.run("coap-client-notls coap://192.0.2.10/node").contains(line.id(0)));
        assertTrue(shell.run("coap-client-notls coap://192.0.2.10/health").contains("\"status\":\"up\""));
        assertTrue(shell.run("coap-client-notls -s 60 coap://192.0.2.10/metrics").contains("\"meters\""));
        assertTrue(shell.run("coap-client-notls coap://192.0.2.10/sensors").contains("temperature"));
        assertTrue(shell.run("coap-client-notls -s 60 coap://192.0.2.10/sensors/temperature").contains("\"readings\""));
        assertTrue(shell.run("bin/smartshare-node uplink status coap://192.0.2.10").contains("uplink"));
        assertTrue(shell.run("coap-client-notls coap://192.0.2.10/rewards").contains("\"earnings\""));
        shell.run("coap-client-openssl -u operator -k \"a long random secret\" -m put -t 50 -e "
                + "'{\"label\":\"roof-router\",\"share-storage\":true}' coaps://192.0.2.10/config");
        assertEquals("roof-router", line.get(0, "/config").get("label"));

        shell.replace("192.0.2.10", "127.0.0.1:" + line.node(1).coapPort());
        String fleet = shell.run("coap-client-notls coap://192.0.2.10/fleet");
        assertTrue(fleet.contains(line.id(0)) && fleet.contains(line.id(1)), fleet);
        shell.replace("192.0.2.10", "127.0.0.1:" + line.node(0).coapPort());
    }

    /** The options the guide names beside {@code status}: {@code --json} for scripts, {@code --watch} to refresh. */
    private static void statusForScriptsAndWatched(NodeLine line) throws Exception {
        String target = line.node(0).coapUri("");
        NodeProcess.Result json = NodeProcess.runToEnd(List.of("status", "--json", target));
        assertEquals(0, json.exitCode(), json.stderr());
        Map<String, Object> view = JsonDocument.object(json.stdout().strip());
        assertEquals(line.id(1), JsonDocument.object(view, "mesh").get("parent"), json.stdout());
        assertEquals(line.id(0), JsonDocument.object(view, "node").get("id"));
        assertTrue(JsonDocument.object(view, "earnings").containsKey("estimate-micro-tokens"), json.stdout());
        List<Map<String, Object>> links = JsonDocument.list(view, "links");
        assertTrue(links.stream().anyMatch(l -> JsonDocument.number(l, "rx-bytes-per-second") > 0),
                "the sim board's links carry traffic: " + links);

        Process watch = NodeProcess.launch(List.of("status", "--watch", target));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
            int screens = 0;
            for (String l = out.readLine(); l != null && screens < 2; l = out.readLine()) {
                if (l.contains("node      " + line.id(0))) {
                    screens++;
                    assertTrue(l.startsWith("\033[H\033[2J"), "each refresh clears the screen first");
                }
            }
            assertEquals(2, screens, "--watch refreshes");
        } finally {
            watch.destroy();
            assertTrue(watch.waitFor(10, TimeUnit.SECONDS));
        }
    }

    /** "Mesh": n0's neighbours and routes, and a ping and a GET through the mesh to n1. */
    private void mesh(NodeLine line) throws Exception {
        assertTrue(shell.run("coap-client-notls coap://192.0.2.10/mesh/neighbors").contains(line.id(1)));
        assertTrue(shell.run("coap-client-notls coap://192.0.2.10/mesh/routes").contains(line.id(1)));
        shell.replace("<node-id>", line.id(1));
        assertEquals("ping", shell.run("coap-client-openssl -u operator -k \"$KEY\" -m post -e ping "
                + "coaps://192.0.2.10/mesh/relay/<node-id>/mesh/echo").strip());
        assertTrue(shell.run("coap-client-openssl -u operator -k \"$KEY\" coaps://192.0.2.10/mesh/relay/<node-id>/node")
                .contains(line.id(1)));
    }

    /** "Payment channels": n0 pays n1, as the operator of n0. */
    private void channels(NodeLine line) throws Exception {
        String c = "C=\"--config /etc/smartshare/node.yaml --identity operator\"";
        shell.replace("--identity operator\"", "--identity operator --node " + line.node(0).coapsUri("") + "\"");
        String payee = HexFormat.of().formatHex(line.key(1).encoded());
        shell.replace("<payee public key, 64 hex digits>", payee);
        shell.replace("<key>", payee);
        String open = "bin/smartshare-node channel open --payee <payee public key, 64 hex digits> --deposit 50000 $C";
        shell.replace("<id>", channelId(shell.run(c, open)));
        shell.run(c, "bin/smartshare-node channel pay <id> 10000 $C");
        shell.run(c, "bin/smartshare-node channel pay <id> 15000 $C");
        String list = shell.run(c, "bin/smartshare-node channel list $C");
        String show = shell.run(c, "bin/smartshare-node channel show <id> $C");
        transcript("channels", "smartshare-node channel list", List.of("$ smartshare-node channel list $C", "$ smartshare-node channel show <id> $C"),
                List.of(list, show));
        assertTrue(shell.run(c, "bin/smartshare-node channel close <id> $C").contains("status  closed"));

        shell.replace("<id>", channelId(shell.run(c, open)));
        assertTrue(shell.run(c, "bin/smartshare-node channel close <id> --unilateral $C").contains("status  closed"));
        String priced = shell.run(c, "bin/smartshare-node channel open --payee <key> --deposit 1000000 --rate 3 --unit 1000 $C");
        assertTrue(priced.contains("  price   3 µT per 1000 B relayed, from the payee's relay count "), priced);
    }

    /** "Ledger": n0's, while it runs, then exported once it stopped. */
    private void ledger(NodeLine line) throws Exception {
        String key = HexFormat.of().formatHex(line.key(0).encoded());
        assertTrue(shell.run("bin/smartshare-node ledger show --data-dir DIR --last 20").contains("channel open"));
        assertTrue(shell.run("bin/smartshare-node ledger verify --data-dir DIR").contains("accepted"));
        line.stopAll();
        shell.run("bin/smartshare-node ledger export --data-dir DIR --out node.ledger");
        shell.replace("<public key hex from /node>", key);
        assertTrue(shell.run("bin/smartshare-node ledger verify --file node.ledger --key <public key hex from /node>")
                .contains("accepted"));
    }

    /** "Rewards": the issuer signs a schedule; what it prints is what the guide says. */
    private void signSchedule() throws Exception {
        shell.replace("/secure/issuer", dir.resolve("issuer").toString());
        String signed = shell.run("bin/smartshare-node rewards sign-schedule --issuer-dir /secure/issuer --version 3 "
                + "--valid-from 5 --pool 500000 --terms relay.up=2000/1000000/300000,relay.down=2000/1000000/300000 "
                + "--out schedule.cose");
        List<String> said = new ArrayList<>();
        for (DocBlocks.Block block : DocBlocks.blocks("docs/operator-guide.md")) {
            if (block.lines().stream().anyMatch(l -> l.text().contains("rewards sign-schedule"))) {
                block.lines().stream().filter(l -> l.text().startsWith("# ")).forEach(l -> said.add(l.text().substring(2)));
            }
        }
        assertEquals(shapes(said), shapes(signed.lines().toList()));
        assertTrue(Files.size(dir.resolve("work/schedule.cose")) > 0);
    }

    /**
     * The transcript the operator guide shows for {@code $ shows…} has the shape of what
     * {@code commands} printed ({@code outputs}, in order); kept in target/ as this run printed it.
     */
    private static void transcript(String name, String shows, List<String> commands, List<String> outputs)
            throws Exception {
        List<String> shown = DocBlocks.transcript("docs/operator-guide.md", shows);
        List<String> printed = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            printed.add(commands.get(i));
            printed.addAll(outputs.get(i).strip().lines().toList());
        }
        Files.createDirectories(Path.of(TRANSCRIPTS));
        Files.writeString(Path.of(TRANSCRIPTS, name + ".txt"), String.join("\n", printed) + "\n", StandardCharsets.UTF_8);
        assertEquals(shapes(shown), shapes(printed), "docs/operator-guide.md's '" + shows
                + "' differs from what the program printed (" + TRANSCRIPTS + "/" + name + ".txt)");
    }

    private static List<String> shapes(List<String> lines) {
        return lines.stream().map(DocBlocks::shape).toList();
    }

    private static String channelId(String printed) {
        String first = printed.lines().findFirst().orElse("");
        assertTrue(first.matches("channel [0-9a-f]{32}"), printed);
        return first.substring("channel ".length());
    }

    private static Map<String, Object> get(int port, String path) throws Exception {
        CoapClientTool.Result result = CoapClientTool.run(NodeLine.CLIENT, 30, "-m", "get", "-B", "10",
                "coap://127.0.0.1:" + port + "/" + path);
        assertEquals(0, result.exitCode(), result.stderr());
        return JsonDocument.object(result.text());
    }

    /** Every command the guides show (not their transcripts), with where. */
    private static Map<String, String> shown() throws Exception {
        Map<String, String> shown = new LinkedHashMap<>();
        for (String guide : GUIDES) {
            for (DocBlocks.Block block : DocBlocks.blocks(guide)) {
                block.commands().forEach(c -> shown.putIfAbsent(c.text(), c.where()));
            }
            Matcher span = SPAN.matcher(DocBlocks.prose(guide));
            while (span.find()) {
                String command = span.group(1).replaceAll("\\s+", " ");
                if (!command.matches(".*(\\||…|\\b[A-Z]{4,}\\b).*")) { // a placeholder: a form, not a command
                    shown.putIfAbsent(command, guide + " (in the text)");
                }
            }
        }
        assertTrue(shown.size() >= 40, "the guides show commands: " + new TreeSet<>(shown.keySet()));
        return shown;
    }
}
