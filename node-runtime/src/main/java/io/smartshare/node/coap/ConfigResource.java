package io.smartshare.node.coap;

import io.smartshare.hal.config.ConfigException;
import io.smartshare.hal.config.ConfigMap;
import io.smartshare.node.config.NodeSettings;
import io.smartshare.node.config.SettingsStore;
import java.io.IOException;
import java.util.Map;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /config}: the node's run-time settings. GET over coap or coaps; PUT only over
 * coaps by an identity the operator allowed to write ({@link WriteAuthorization}). A PUT
 * carries the whole settings document as JSON (keys left out take their defaults); it is
 * validated, stored durably, then takes effect. Anything wrong changes nothing.
 */
final class ConfigResource extends DocumentResource {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigResource.class);

    private final SettingsStore settings;
    private final WriteAuthorization authorization;

    ConfigResource(SettingsStore settings, WriteAuthorization authorization) {
        super("config", "smartshare.config", "core.p");
        this.settings = settings;
        this.authorization = authorization;
    }

    @Override
    protected Map<String, Object> document(QueryParameters query) {
        return settings.current().toDocument();
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        WriteAuthorization.Decision decision = authorization.decide(exchange);
        if (decision.refusal().isPresent()) {
            LOG.warn("event=config-write-refused peer={} reason=\"{}\"", exchange.getSourceSocketAddress(),
                    decision.refusal().get().diagnostic());
            exchange.respond(decision.refusal().get().code(), decision.refusal().get().diagnostic(),
                    MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        int format = exchange.getRequestOptions().getContentFormat();
        if (format != MediaTypeRegistry.APPLICATION_JSON && format != MediaTypeRegistry.UNDEFINED) {
            exchange.respond(ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                    "content-format " + format + " not supported: send JSON (50)", MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        NodeSettings updated;
        try {
            updated = NodeSettings.read(ConfigMap.parse("payload", exchange.getRequestText()), NodeSettings.defaults());
        } catch (ConfigException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        try {
            settings.replace(updated);
        } catch (IOException e) {
            LOG.error("event=config-store-failed error=\"{}\"", e.toString());
            exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR, "settings could not be stored; nothing changed",
                    MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        LOG.info("event=config-written identity={} settings={}", decision.identity(), updated);
        changed();
        respond(exchange, ResponseCode.CHANGED, updated.toDocument());
    }
}
