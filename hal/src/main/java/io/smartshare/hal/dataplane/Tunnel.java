package io.smartshare.hal.dataplane;

import java.util.Map;

/** One WireGuard interface made by a {@link DataPlane}. {@link #close()} deletes it. */
public interface Tunnel extends AutoCloseable {
    /** The interface's name. */
    String name();

    /** Adds {@code peer}, or replaces the peer with its key. */
    void setPeer(TunnelPeer peer) throws DataPlaneException;

    /** Removes the peer with {@code key}; nothing if there is none. */
    void removePeer(WireGuardKey key) throws DataPlaneException;

    /** Every peer's byte counters. */
    Map<WireGuardKey, PeerTransfer> transfer() throws DataPlaneException;

    /** Deletes the interface, its peers and the routes through it. */
    @Override
    void close() throws DataPlaneException;
}
