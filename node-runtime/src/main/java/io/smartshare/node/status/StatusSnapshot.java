package io.smartshare.node.status;

import java.util.Map;
import java.util.Optional;

/**
 * What a node said about itself at one moment: {@code /node}, {@code /health}, {@code
 * /metrics}, and, when their services run, {@code /mesh/neighbors}, {@code /mesh/routes} and
 * its signed summary {@code /fleet/summary} (earnings).
 */
record StatusSnapshot(long atNanos, Map<String, Object> node, Map<String, Object> health,
        Map<String, Object> metrics, Optional<Map<String, Object>> neighbors, Optional<Map<String, Object>> routes,
        Optional<Map<String, Object>> summary) {

    static StatusSnapshot read(NodeDocuments documents) {
        long at = System.nanoTime();
        return new StatusSnapshot(at, documents.get("node"), documents.get("health"), documents.get("metrics"),
                documents.find("mesh/neighbors"), documents.find("mesh/routes"), documents.find("fleet/summary"));
    }
}
