package io.smartshare.node.bench;

import io.smartshare.node.coap.SmallDeviceCoapConfig;
import java.net.InetSocketAddress;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;

/**
 * The reference of scripts/bench-footprint: a bare Californium server with the same
 * small-device configuration and one resource per path the load asks for, each answering a
 * fixed short text. It is what the stack costs before the node adds anything.
 */
public final class BareCoapServer {
    private BareCoapServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        Configuration config = SmallDeviceCoapConfig.create();
        CoapServer server = new CoapServer(config);
        server.addEndpoint(CoapEndpoint.builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", port)).build());
        for (String name : new String[] {"node", "health", "metrics"}) {
            CoapResource resource = new CoapResource(name) {
                @Override
                public void handleGET(CoapExchange exchange) {
                    exchange.respond("{\"ok\":true}");
                }
            };
            resource.setObservable(true);
            server.add(resource);
        }
        server.start();
        System.err.println("event=started bare-californium port=" + port);
        Thread.currentThread().join();
    }
}
