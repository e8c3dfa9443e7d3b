package io.smartshare.node.status;

import io.smartshare.node.json.Json;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The operator's views of a running node over CoAP: {@code smartshare-node status} reads
 * {@code /node}, {@code /health}, {@code /metrics}, the mesh's and the fleet summary
 * ({@link StatusSnapshot}) twice; {@code smartshare-node uplink status} reads {@code /uplink}.
 */
public final class StatusClient {
    private StatusClient() {
    }

    /** The base URI for {@code target}, which may omit the scheme and port. */
    public static URI baseUri(String target) {
        return NodeDocuments.baseUri(target);
    }

    /** How far apart the two readings are that rates and CPU shares are taken over (meters refresh every 2 s). */
    static final Duration RATE_WINDOW = Duration.ofMillis(2500);

    /**
     * Prints the status of the node at {@code base} to {@code out}: the status screen, or with
     * {@code json} its document; with {@code watch}, again every {@link #RATE_WINDOW} (the
     * screen cleared first) until interrupted.
     *
     * @return false (after saying why on {@code err}) if the node did not answer properly
     */
    public static boolean print(URI base, boolean json, boolean watch, PrintStream out, PrintStream err) {
        try (NodeDocuments documents = new NodeDocuments(base)) {
            StatusSnapshot before = StatusSnapshot.read(documents);
            do {
                Thread.sleep(RATE_WINDOW.toMillis());
                StatusSnapshot now = StatusSnapshot.read(documents);
                Map<String, Object> view = StatusView.of(before, now);
                if (watch && !json) {
                    out.print("\033[H\033[2J");
                }
                if (json) {
                    out.println(Json.write(view));
                } else {
                    StatusReport.print(base, view, out);
                }
                out.flush();
                before = now;
            } while (watch);
            return true;
        } catch (NodeDocuments.NodeDocumentException e) {
            err.println("smartshare-node status: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
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
