package io.smartshare.hal.dataplane;

import java.util.List;

/**
 * The kernel's data plane as the node drives it: WireGuard tunnels (the kernel's, or
 * {@code wireguard-go} where the kernel has none) and routes. The node decides; the kernel
 * carries the bytes. Drivers: {@code linux} (runs {@code ip}, {@code wg}, {@code
 * wireguard-go}, with arguments as a list, never through a shell) and {@code sim} (in memory).
 * Private keys go to the tools on standard input, never on a command line.
 */
public interface DataPlane {
    /** The driver's name, for {@code /health}: {@code linux} or {@code sim}. */
    String driver();

    /**
     * Creates WireGuard interface {@code name} with {@code privateKey} (32 bytes, cleared by
     * the caller after) listening on UDP {@code listenPort}, gives it {@code addresses} and
     * brings it up.
     *
     * @throws DataPlaneException if it cannot be made (no permission, no WireGuard, name in use)
     */
    Tunnel openTunnel(String name, byte[] privateKey, int listenPort, List<IpPrefix> addresses)
            throws DataPlaneException;

    /** Routes {@code destination} through interface {@code device}, replacing a route to it. */
    void setRoute(IpPrefix destination, String device) throws DataPlaneException;

    /** Removes the route to {@code destination} through {@code device}; nothing if there is none. */
    void removeRoute(IpPrefix destination, String device) throws DataPlaneException;

    /**
     * Deletes every interface whose name starts with {@code prefix}: what a node that crashed
     * left behind (with them go their routes and, for {@code wireguard-go}, its process).
     *
     * @return the names deleted
     */
    List<String> removeInterfaces(String prefix) throws DataPlaneException;
}
