package io.smartshare.node.coap;

import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;
import org.eclipse.californium.elements.RawDataChannel;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;

/**
 * The {@code coap://} connector: a {@link UDPConnector} whose received datagrams pass a gate
 * (the protocol-queue bound of {@link EndpointBounds}) before the endpoint sees them,
 * multicast receivers included.
 */
class GatedUdpConnector extends UDPConnector {
    private final UnaryOperator<RawDataChannel> gate;

    GatedUdpConnector(InetSocketAddress address, Configuration config, UnaryOperator<RawDataChannel> gate) {
        super(address, config);
        this.gate = gate;
    }

    @Override
    public void setRawDataReceiver(RawDataChannel receiver) {
        super.setRawDataReceiver(gate.apply(receiver));
    }
}
