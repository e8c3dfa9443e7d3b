package io.smartshare.node.status;

import io.smartshare.node.coap.BodyPieces;
import io.smartshare.node.coap.SmallDeviceCoapConfig;
import io.smartshare.node.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.exception.ConnectorException;

/**
 * Reads JSON documents of a running node over CoAP, one request at a time, each answered
 * within {@link #TIMEOUT_MILLIS} or refused with a {@link NodeDocumentException} saying why.
 */
public final class NodeDocuments implements AutoCloseable {
    /** How long to wait for each answer. */
    static final long TIMEOUT_MILLIS = 5_000;

    private final URI base;
    private final CoapEndpoint endpoint;
    private final CoapClient client;

    public NodeDocuments(URI base) {
        this.base = base;
        this.endpoint = CoapEndpoint.builder().setConfiguration(SmallDeviceCoapConfig.create()).build();
        this.client = new CoapClient();
        client.setEndpoint(endpoint);
        client.setTimeout(TIMEOUT_MILLIS);
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
     * A body served in pieces ({@code path?query&from=N}, {@link BodyPieces}), at most {@code
     * maxBytes}.
     */
    public byte[] pieces(String pathAndQuery, int accept, int maxBytes) {
        return BodyPieces.read(from -> bytes(pathAndQuery + "&from=" + from, accept), maxBytes,
                () -> new NodeDocumentException(base.resolve("/" + pathAndQuery) + " is longer than " + maxBytes
                        + " bytes"));
    }

    /** The bytes {@code path?query} answers in content-format {@code accept} (CBOR, COSE). */
    public byte[] bytes(String pathAndQuery, int accept) {
        URI uri = base.resolve("/" + pathAndQuery);
        client.setURI(uri.toString());
        CoapResponse response;
        try {
            response = client.get(accept);
        } catch (ConnectorException | java.io.IOException e) {
            throw new NodeDocumentException(uri + ": " + e.getMessage());
        }
        if (response == null) {
            throw new NodeDocumentException("no answer from " + uri + " within " + TIMEOUT_MILLIS / 1000 + " s");
        }
        if (response.getCode() == ResponseCode.NOT_FOUND) {
            throw new NodeDocumentException(uri + " answered 4.04: not served (a service that is off)", true);
        }
        if (!response.isSuccess()) {
            throw new NodeDocumentException(uri + " answered " + response.getCode() + ": " + response.getResponseText());
        }
        return response.getPayload();
    }

    /** The JSON object at {@code path}. */
    Map<String, Object> get(String path) {
        URI uri = base.resolve("/" + path);
        byte[] text = bytes(path, MediaTypeRegistry.APPLICATION_JSON);
        Object document;
        try {
            document = Json.read(new String(text, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new NodeDocumentException(uri + " answered a document that is not JSON: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new NodeDocumentException(uri + " answered a document that is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }

    @Override
    public void close() {
        client.shutdown();
        endpoint.destroy();
    }

    /** As {@link #get}, but empty when the node does not serve {@code path} (4.04: its service is off). */
    Optional<Map<String, Object>> find(String path) {
        try {
            return Optional.of(get(path));
        } catch (NodeDocumentException e) {
            if (e.notServed) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A document that could not be read, and why. */
    public static final class NodeDocumentException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean notServed;

        NodeDocumentException(String message) {
            this(message, false);
        }

        NodeDocumentException(String message, boolean notServed) {
            super(message);
            this.notServed = notServed;
        }
    }
}
