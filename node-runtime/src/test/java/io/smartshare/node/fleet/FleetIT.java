package io.smartshare.node.fleet;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.Chromium;
import io.smartshare.node.testing.JsonDocument;
import io.smartshare.node.testing.Mosquitto;
import io.smartshare.node.testing.NodeLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet of a real mesh of three node processes in a line, n0 — n1 — n2 (n2 the
 * gateway): the gateway asks n0 and n1 for their signed summaries over the mesh, shows them
 * on the fleet page, read here by a real headless Chromium, and publishes them to a real
 * mosquitto under the members' own ids. Screenshots of the page are kept in {@code
 * target/fleet-page/}.
 */
class FleetIT {
    private static final Path SCREENSHOTS = Path.of("target", "fleet-page");
    private static final Pattern ROW = Pattern.compile("<tr data-node=\"(ss[a-z2-7]+)\" class=\"(online|offline)\">");
    private static final Pattern EDGE = Pattern.compile(
            "<line class=\"edge (parent|link)\" data-from=\"(ss[a-z2-7]+)\" data-to=\"(ss[a-z2-7]+)\"");

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> member(Map<String, Object> fleet, String id) {
        return list(fleet, "members").stream().map(m -> (Map<String, Object>) m).filter(m -> id.equals(m.get("node")))
                .findFirst();
    }

    private static Map<String, String> rows(String dom) {
        Matcher m = ROW.matcher(dom);
        Map<String, String> rows = new java.util.TreeMap<>();
        while (m.find()) {
            rows.put(m.group(1), m.group(2));
        }
        return rows;
    }

    private static Set<String> edges(String dom) {
        Matcher m = EDGE.matcher(dom);
        Set<String> edges = new java.util.TreeSet<>();
        while (m.find()) {
            edges.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        return edges;
    }

    private static List<Map<String, Object>> summaries(List<String> lines, String member) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith("smartshare/" + member + "/summary "))
                    .map(l -> JsonDocument.object(l.substring(l.indexOf(' ') + 1))).toList();
        }
    }

    /** The nodes member {@code id}'s summary lists as its live links. */
    private static Set<String> links(Map<String, Object> fleet, String id) {
        Map<String, Object> summary = object(member(fleet, id).orElseThrow(), "summary");
        return ((List<?>) summary.get("links")).stream().map(l -> (String) ((Map<?, ?>) l).get("node"))
                .collect(Collectors.toSet());
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (done.call()) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("not within 60 s: " + what);
    }

    @Test
    void theGatewayShowsEveryMemberAndTheMeshOnItsPageAndPublishesTheirSummaries() throws Exception {
        try (Mosquitto broker = Mosquitto.on(dir.resolve("broker"), Mosquitto.freePort()).start()) {
            List<String> lines = broker.subscribe("fleet", "smartshare/+/summary");
            try (NodeLine line = NodeLine.start(dir.resolve("line"), 3, "fleet:\n  poll-seconds: 2\n  page-port: 0\n"
                    + "mqtt:\n  host: 127.0.0.1\n  port: " + broker.port() + "\n  metrics-seconds: 1\n")) {
                String n0 = line.id(0);
                String n1 = line.id(1);
                String n2 = line.id(2);
                Predicate<Map<String, Object>> allOnline = f -> list(f, "members").size() == 3
                        && Arrays.asList(n0, n1, n2).stream().allMatch(id -> member(f, id).map(m -> Boolean.TRUE.equals(
                                m.get("online")) && m.containsKey("summary")).orElse(false));
                // the gateway polls every 2 s: wait for summaries taken once the line has settled
                Predicate<Map<String, Object>> settled = allOnline.and(f -> links(f, n1).equals(Set.of(n0, n2))
                        && n1.equals(object(member(f, n0).orElseThrow(), "summary").get("parent")));
                Map<String, Object> fleet = line.await(2, "/fleet", settled);
                assertEquals(n2, fleet.get("node"));
                Map<String, Object> s0 = object(member(fleet, n0).orElseThrow(), "summary");
                Map<String, Object> s1 = object(member(fleet, n1).orElseThrow(), "summary");
                Map<String, Object> s2 = object(member(fleet, n2).orElseThrow(), "summary");
                assertEquals(n1, s0.get("parent"));
                assertEquals(n2, s1.get("parent"));
                assertEquals(true, s2.get("gateway"));
                assertFalse(s2.containsKey("parent"));
                assertEquals("sim", s0.get("board"));
                assertEquals("up", s0.get("health"));
                assertEquals(line.get(0, "/node").get("version"), s0.get("version"));
                assertTrue(object(s1, "earnings").containsKey("units"), s1.toString());
                assertEquals(Set.of(n0, n2), links(fleet, n1), "n1's links");
                assertTrue(line.get(0, "/fleet").get("members") instanceof List<?> own && own.size() == 1,
                        "a node that is not a gateway reports itself only");

                int port = (int) number(object(line.get(2, "/metrics"), "fleet"), "page-port");
                String url = "http://127.0.0.1:" + port + "/";
                Chromium chromium = new Chromium(dir.resolve("chromium"));
                String dom = chromium.dom(url, 3_000);
                assertEquals(Map.of(n0, "online", n1, "online", n2, "online"), rows(dom), "every member listed, online");
                assertEquals(Set.of("parent " + n0 + " " + n1, "parent " + n1 + " " + n2), edges(dom),
                        "the graph: n0's parent n1, n1's parent n2, and no other link in a line");
                chromium.screenshot(url, 3_000, SCREENSHOTS.resolve("three-nodes.png"));
                assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                        Arrays.copyOf(Files.readAllBytes(SCREENSHOTS.resolve("three-nodes.png")), 4));

                await("n0's and n1's summaries on the broker under their own ids", () -> !summaries(lines, n0).isEmpty()
                        && !summaries(lines, n1).isEmpty() && !summaries(lines, n2).isEmpty());
                Map<String, Object> published = summaries(lines, n0).get(0);
                assertEquals(n0, published.get("node"));
                assertEquals(n2, published.get("via"));
                assertEquals(true, published.get("online"));
                assertEquals(n1, object(published, "summary").get("parent"));

                line.node(0).process().destroyForcibly().waitFor();
                Map<String, Object> after = line.await(2, "/fleet", f -> member(f, n0).map(m -> Boolean.FALSE.equals(
                        m.get("online"))).orElse(false));
                assertFalse(((String) member(after, n0).orElseThrow().get("problem")).isEmpty(), "says why");
                assertEquals(true, member(after, n1).orElseThrow().get("online"));
                String killed = chromium.dom(url, 3_000);
                assertEquals(Map.of(n0, "offline", n1, "online", n2, "online"), rows(killed), "the killed node offline");
                assertTrue(killed.contains("class=\"member offline\" data-node=\"" + n0 + "\""), "in the graph too");
                chromium.screenshot(url, 3_000, SCREENSHOTS.resolve("three-nodes-one-killed.png"));
                await("n0 published offline", () -> summaries(lines, n0).stream()
                        .anyMatch(s -> Boolean.FALSE.equals(s.get("online"))));
            }
        }
    }
}
