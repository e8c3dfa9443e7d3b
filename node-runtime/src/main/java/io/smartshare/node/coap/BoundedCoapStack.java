package io.smartshare.node.coap;

import org.eclipse.californium.core.network.Outbox;
import org.eclipse.californium.core.network.stack.BaseCoapStack;
import org.eclipse.californium.core.network.stack.BlockwiseLayer;
import org.eclipse.californium.core.network.stack.CongestionControlLayer;
import org.eclipse.californium.core.network.stack.ExchangeCleanupLayer;
import org.eclipse.californium.core.network.stack.Layer;
import org.eclipse.californium.core.network.stack.ObserveLayer;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.config.Configuration;

/**
 * Californium's UDP stack ({@code CoapUdpStack}: exchange clean-up, Observe, block-wise,
 * congestion control) with an {@link UploadQuotaLayer} between the block-wise layer and the
 * layers below it. Built the way Californium asks for custom layers: a {@link BaseCoapStack}
 * of one's own, given to the endpoint by an {@code ExtendedCoapStackFactory}.
 */
final class BoundedCoapStack extends BaseCoapStack {
    BoundedCoapStack(String tag, Configuration config, EndpointContextMatcher matcher, Outbox outbox,
            UploadQuotaLayer quota) {
        super(outbox);
        setLayers(new Layer[] {new ExchangeCleanupLayer(config), new ObserveLayer(config),
            new BlockwiseLayer(tag, false, config, matcher), quota, CongestionControlLayer.newImplementation(tag, config)});
    }
}
