package io.smartshare.node.status;

import java.io.PrintStream;
import java.net.URI;
import java.util.Map;

/**
 * The operator's views of a running node over CoAP: {@code smartshare-node status} reads
 * {@code /node}, {@code /health} and {@code /metrics}; {@code smartshare-node uplink status}
 * reads {@code /uplink}.
 */
public final class StatusClient {
    private StatusClient() {
    }

    /** The base URI for {@code target}, which may omit the scheme and port. */
    public static URI baseUri(String target) {
        return NodeDocuments.baseUri(target);
    }

    /**
     * Prints the status of the node at {@code base} to {@code out}.
     *
     * @return false (after saying why on {@code err}) if the node did not answer properly
     */
    public static boolean print(URI base, PrintStream out, PrintStream err) {
        try (NodeDocuments documents = new NodeDocuments(base)) {
            Map<String, Object> node = documents.get("node");
            Map<String, Object> health = documents.get("health");
            Map<String, Object> metrics = documents.get("metrics");
            StatusReport.print(base, node, health, metrics, out);
            return true;
        } catch (NodeDocuments.NodeDocumentException e) {
            err.println("smartshare-node status: " + e.getMessage());
            return false;
        }
    }

    /**
     * Prints the uplink of the node at {@code base} to {@code out}.
     *
     * @return false (after saying why on {@code err}) if the node did not answer properly
     */
    public static boolean printUplink(URI base, PrintStream out, PrintStream err) {
        try (NodeDocuments documents = new NodeDocuments(base)) {
            UplinkReport.print(base, documents.get("uplink"), out);
            return true;
        } catch (NodeDocuments.NodeDocumentException e) {
            err.println("smartshare-node uplink status: " + e.getMessage());
            return false;
        }
    }
}
