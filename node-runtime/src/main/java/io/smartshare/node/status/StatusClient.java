package io.smartshare.node.status;

import io.smartshare.node.coap.SmallDeviceCoapConfig;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code smartshare-node status [coap://host[:port]]}: reads {@code /node}, {@code /health}
 * and {@code /metrics} of a node and prints them for an operator.
 */
public final class StatusClient {
    /** How long to wait for each answer. */
    static final long TIMEOUT_MILLIS = 5_000;

    private StatusClient() {
    }

    /** The base URI for {@code target}, which may omit the scheme and port. */
    public static URI baseUri(String target) {
        String text = target.contains("://") ? target : "coap://" + target;
        try {
            URI uri = new URI(text);
            if (!"coap".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("expected coap://host[:port], found '" + target + "'");
            }
            return new URI("coap", null, uri.getHost(), uri.getPort() < 0 ? 5683 : uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected coap://host[:port], found '" + target + "'", e);
        }
    }

    /**
     * Prints the status of the node at {@code base} to {@code out}.
     *
     * @return false (after saying why on {@code err}) if the node did not answer properly
     */
    public static boolean print(URI base, PrintStream out, PrintStream err) {
        CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(SmallDeviceCoapConfig.create()).build();
        CoapClient client = new CoapClient();
        client.setEndpoint(endpoint);
        client.setTimeout(TIMEOUT_MILLIS);
        try {
            Map<String, Object> node = fetch(client, base, "node");
            Map<String, Object> health = fetch(client, base, "health");
            Map<String, Object> metrics = fetch(client, base, "metrics");
            StatusReport.print(base, node, health, metrics, out);
            return true;
        } catch (StatusException e) {
            err.println("smartshare-node status: " + e.getMessage());
            return false;
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }

    private static Map<String, Object> fetch(CoapClient client, URI base, String path) {
        URI uri = base.resolve("/" + path);
        client.setURI(uri.toString());
        CoapResponse response;
        try {
            response = client.get(MediaTypeRegistry.APPLICATION_JSON);
        } catch (ConnectorException | java.io.IOException e) {
            throw new StatusException(uri + ": " + e.getMessage());
        }
        if (response == null) {
            throw new StatusException("no answer from " + uri + " within " + TIMEOUT_MILLIS / 1000 + " s");
        }
        if (!response.isSuccess()) {
            throw new StatusException(uri + " answered " + response.getCode() + ": " + response.getResponseText());
        }
        Object document;
        try {
            document = new Yaml(new LoaderOptions()).load(response.getResponseText());
        } catch (RuntimeException e) {
            throw new StatusException(uri + " answered a document that is not JSON: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new StatusException(uri + " answered a document that is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }

    private static final class StatusException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StatusException(String message) {
            super(message);
        }
    }
}
