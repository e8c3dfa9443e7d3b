package io.smartshare.node.coap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's figures for {@code /metrics} without the JVM's management beans (loading
 * them costs about as much memory as a small service): the resident set from {@code
 * /proc/self/status}, what a device's memory budget is about, and the live threads.
 */
final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /** {@code VmRSS} in bytes; empty where there is no {@code /proc} (not Linux). */
    static OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or a format this reader does not know: the figure is left out
        }
        return OptionalLong.empty();
    }

    /** The live threads of the JVM's thread groups (the JVM's own native threads are not counted). */
    static int liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.activeCount();
    }
}
