package io.smartshare.node.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> drain(Outbox outbox) throws Exception {
        List<String> out = new ArrayList<>();
        while (outbox.peek().isPresent()) {
            Outbox.Message m = outbox.peek().get();
            out.add(m.topic() + "=" + new String(m.payload(), StandardCharsets.UTF_8) + (m.retained() ? " r" : ""));
            outbox.delivered(m);
        }
        return out;
    }

    @Test
    void deliversInOrderAndKeepsWhatWasNotDeliveredOverARestart() throws Exception {
        try (Outbox outbox = Outbox.open(dir, 10_000)) {
            outbox.add("a/status", text("online"), true);
            outbox.add("a/metrics", text("{\"x\":1}"), false);
            outbox.add("a/events", text("up"), false);
            outbox.delivered(outbox.peek().orElseThrow());
            assertEquals(2, outbox.size());
        }
        try (Outbox again = Outbox.open(dir, 10_000)) {
            assertEquals(List.of("a/metrics={\"x\":1}", "a/events=up"), drain(again));
            assertEquals(0, again.size());
        }
        try (Outbox empty = Outbox.open(dir, 10_000)) {
            assertTrue(empty.peek().isEmpty(), "delivered stays delivered");
        }
    }

    @Test
    void aFullOutboxDropsTheOldestAndCountsThem() throws Exception {
        try (Outbox outbox = Outbox.open(dir, 200)) {
            for (int i = 0; i < 20; i++) {
                outbox.add("t", text("message-" + i), false); // 8 + 3 + 1 + 9 or 10 bytes each
            }
            assertTrue(outbox.bytes() <= 200, "within its bound: " + outbox.bytes());
            List<String> left = drain(outbox);
            assertEquals("t=message-19", left.get(left.size() - 1));
            assertEquals(20, left.size() + outbox.dropped(), left + " and " + outbox.dropped() + " dropped");
            assertTrue(outbox.dropped() > 0);
            assertEquals("t=message-" + outbox.dropped(), left.get(0), "the oldest went first");
        }
    }

    @Test
    void neverGrowsPastTwiceItsBoundHoweverMuchGoesThrough() throws Exception {
        try (Outbox outbox = Outbox.open(dir, 1_000)) {
            for (int i = 0; i < 5_000; i++) {
                outbox.add("t", text("payload " + i), false);
                if (i % 3 != 0) {
                    outbox.delivered(outbox.peek().orElseThrow());
                }
                assertTrue(outbox.fileBytes() <= 2_000, "file " + outbox.fileBytes() + " at message " + i);
            }
        }
        assertTrue(Files.size(dir.resolve(Outbox.FILE)) <= 2_000);
    }

    @Test
    void aTornLastRecordIsCutOffAtTheNextStart() throws Exception {
        try (Outbox outbox = Outbox.open(dir, 10_000)) {
            outbox.add("t", text("whole"), false);
            outbox.add("t", text("torn by a power cut"), false);
        }
        long size = Files.size(dir.resolve(Outbox.FILE));
        try (var file = java.nio.channels.FileChannel.open(dir.resolve(Outbox.FILE), StandardOpenOption.WRITE)) {
            file.truncate(size - 5);
        }
        try (Outbox outbox = Outbox.open(dir, 10_000)) {
            assertEquals(List.of("t=whole"), drain(outbox));
            outbox.add("t", text("after"), false);
            assertEquals(List.of("t=after"), drain(outbox));
        }
    }
}
