package io.smartshare.node.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.util.Map;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;

/** CoAP GETs, with Californium's client, to nodes that tests start in their own process. */
public final class InProcessCoap {
    private InProcessCoap() {
    }

    /** GETs {@code path} from the node on UDP {@code port} of loopback; fails the test unless it is a 2.xx with JSON. */
    public static Map<String, Object> get(int port, String path) throws Exception {
        CoapClient client = new CoapClient("coap://127.0.0.1:" + port + "/" + path);
        try {
            client.setTimeout(10_000L);
            CoapResponse response = client.get();
            assertTrue(response != null && response.isSuccess(), path + ": " + response);
            return JsonDocument.object(response.getResponseText());
        } finally {
            client.shutdown();
        }
    }

    /** A UDP port free now. */
    public static int freePort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
