package io.smartshare.node.cli;

import io.smartshare.node.coap.SmallDeviceCoapConfig;
import io.smartshare.node.config.NodeConfig;
import io.smartshare.node.config.NodeConfigReader;
import io.smartshare.node.config.PskIdentity;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * An operator's {@code coaps://} session with a running node, as one of the PSK identities
 * of the node's config. Answers are returned whatever their code; {@link #close()} releases
 * the socket and threads.
 */
public final class OperatorConnection implements AutoCloseable {
    /** How long a command may take: the node may wait up to 10 s for each of two peer exchanges. */
    static final long TIMEOUT_MILLIS = 30_000;

    private final URI base;
    private final CoapEndpoint endpoint;
    private final CoapClient client;

    public OperatorConnection(URI base, PskIdentity identity) {
        this.base = base;
        Configuration cf = SmallDeviceCoapConfig.create();
        cf.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(cf)
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity.identity(), identity.key()))
                .build();
        this.endpoint = CoapEndpoint.builder().setConfiguration(cf).setConnector(new DTLSConnector(dtls)).build();
        this.client = new CoapClient();
        client.setEndpoint(endpoint);
        client.setTimeout(TIMEOUT_MILLIS);
    }

    /**
     * The connection a command's {@code --config FILE --identity NAME [--node coaps://HOST:PORT]}
     * name: the identity's key is read from the config, never from the command line.
     */
    static OperatorConnection open(String command, Args parsed) {
        NodeConfig config = NodeConfigReader.read(Path.of(parsed.option("config")
                .orElseThrow(() -> new UsageException(command + " needs --config FILE (the node's PSK identities)"))));
        String name = parsed.option("identity").orElseThrow(() -> new UsageException(command
                + " needs --identity NAME"));
        PskIdentity identity = config.pskIdentity(name).orElseThrow(() -> new UsageException("identity '" + name
                + "' is not in the config's security.psk"));
        return new OperatorConnection(base(parsed, config), identity);
    }

    private static URI base(Args parsed, NodeConfig config) {
        String target = parsed.option("node").orElse("coaps://127.0.0.1:" + config.coapsPort());
        try {
            URI uri = new URI(target);
            if (!"coaps".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0) {
                throw new UsageException("--node: expected coaps://HOST:PORT, found '" + target + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--node: expected coaps://HOST:PORT, found '" + target + "'");
        }
    }

    /** The node's answer, or a failure to reach it. */
    public record Answer(boolean success, String code, String text) {
    }

    /** GETs {@code pathAndQuery} as JSON. */
    public Answer get(String pathAndQuery) {
        return exchange(pathAndQuery, false);
    }

    /** POSTs to {@code pathAndQuery} with no payload. */
    public Answer post(String pathAndQuery) {
        return exchange(pathAndQuery, true);
    }

    private Answer exchange(String pathAndQuery, boolean post) {
        URI uri = base.resolve(pathAndQuery);
        client.setURI(uri.toString());
        Optional<CoapResponse> response;
        try {
            response = Optional.ofNullable(post ? client.post(new byte[0], MediaTypeRegistry.UNDEFINED)
                    : client.get(MediaTypeRegistry.APPLICATION_JSON));
        } catch (ConnectorException | IOException e) {
            return new Answer(false, "-", uri + ": " + e.getMessage());
        }
        return response.map(r -> new Answer(r.isSuccess(), r.getCode().toString(), r.getResponseText()))
                .orElseGet(() -> new Answer(false, "-", "no answer from " + uri + " within " + TIMEOUT_MILLIS / 1000
                        + " s"));
    }

    @Override
    public void close() {
        client.shutdown();
        endpoint.destroy();
    }

    /** {@code text} encoded as a query parameter's value. */
    static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A node's JSON answer as a map (JSON is YAML; an answer that is no object gives an empty map). */
    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> json(String text) {
        Object doc = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.LoaderOptions()).load(text);
        return doc instanceof java.util.Map<?, ?> map ? (java.util.Map<String, Object>) map : java.util.Map.of();
    }

    /** Checks that a command of {@code channel}, {@code storage} or {@code compute} has {@code count} operands. */
    static void expectOperands(List<String> operands, int count, String usage) {
        if (operands.size() != count) {
            throw new UsageException("usage: smartshare-node " + usage + " CONNECTION");
        }
    }
}
