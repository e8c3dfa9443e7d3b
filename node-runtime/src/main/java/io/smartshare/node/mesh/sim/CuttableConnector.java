package io.smartshare.node.mesh.sim;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Set;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;

/**
 * A simulated node's UDP connector with links that can be cut: datagrams from an address in
 * its cut set are dropped on arrival, as a radio out of range would lose them. Both ends of a
 * link are cut ({@link LoopbackMesh#cut}), so neither hears the other; everything else passes
 * to the wrapped connector unchanged. Thread-safe (the set must be too).
 */
final class CuttableConnector implements Connector {
    private final Connector delegate;
    private final Set<InetSocketAddress> cut;

    /** @param cut the neighbours whose datagrams are dropped, read at every arrival (the caller adds to it) */
    CuttableConnector(Connector delegate, Set<InetSocketAddress> cut) {
        this.delegate = delegate;
        this.cut = cut;
    }

    @Override
    public void setRawDataReceiver(RawDataChannel receiver) {
        delegate.setRawDataReceiver(data -> {
            if (!cut.contains(data.getInetSocketAddress())) {
                receiver.receiveData(data);
            }
        });
    }

    @Override
    public void start() throws IOException {
        delegate.start();
    }

    @Override
    public void stop() {
        delegate.stop();
    }

    @Override
    public void destroy() {
        delegate.destroy();
    }

    @Override
    public void send(RawData message) {
        delegate.send(message);
    }

    @Override
    public void setEndpointContextMatcher(EndpointContextMatcher matcher) {
        delegate.setEndpointContextMatcher(matcher);
    }

    @Override
    public InetSocketAddress getAddress() {
        return delegate.getAddress();
    }

    @Override
    public String getProtocol() {
        return delegate.getProtocol();
    }

    @Override
    public boolean isRunning() {
        return delegate.isRunning();
    }

    @Override
    public void processDatagram(DatagramPacket datagram) {
        delegate.processDatagram(datagram);
    }
}
