package io.smartshare.hal.dataplane;

import java.util.List;

/**
 * The kernel's data plane as the node drives it: WireGuard tunnels (the kernel's, or
 * {@code wireguard-go} where the kernel has none), routes, forwarding and NAT. The node
 * decides; the kernel carries the bytes. Drivers: {@code linux} (runs {@code ip}, {@code
 * wg}, {@code wireguard-go} and {@code nft}, with arguments as a list, never through a shell)
 * and {@code sim} (in memory).
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

    /**
     * Routes {@code destination} through interface {@code device}, replacing a route to it. A
     * default route ({@code 0.0.0.0/0}, {@code ::/0}) is a fallback: a default route the node
     * has of its own (its uplink) is preferred while it exists.
     */
    void setRoute(IpPrefix destination, String device) throws DataPlaneException;

    /** Removes the route to {@code destination} through {@code device}; nothing if there is none. */
    void removeRoute(IpPrefix destination, String device) throws DataPlaneException;

    /**
     * Whether the node has an uplink of its own: an IPv4 default route through an interface
     * other than {@code tunnel} that is up. A gateway stops being one while it has none.
     */
    boolean uplinkUp(String tunnel) throws DataPlaneException;

    /**
     * Turns on IPv4 and IPv6 forwarding, so the kernel routes between the tunnel and the
     * node's other interfaces. It stays on, like a router's switch.
     *
     * @throws DataPlaneException if it cannot (no permission)
     */
    void enableForwarding() throws DataPlaneException;

    /**
     * Masquerades (source NAT to the outgoing interface's address) traffic that came in
     * through {@code tunnel} and leaves through any other interface, and forwards into the
     * tunnel from other interfaces only the replies of connections so made; or stops doing
     * so. A gateway's NAT from the mesh to its uplink, which nobody on the uplink's side can
     * use to send (and have the mesh bill) traffic into the mesh. The rules go with the
     * tunnel when it closes.
     */
    void setMasquerade(String tunnel, boolean on) throws DataPlaneException;

    /**
     * Drops traffic forwarded from {@code tunnel} whose source is in {@code sources}, and
     * traffic forwarded into it to them: neighbours cut off because they do not pay. An empty
     * list lifts the cut. The rules go with the tunnel when it closes.
     */
    void setCut(String tunnel, List<IpPrefix> sources) throws DataPlaneException;

    /**
     * Limits the traffic forwarded through {@code tunnel} for neighbours: at most {@code
     * totalKbps} for all of them together and at most {@code neighbourKbps} for each of
     * {@code neighbours} (each given by its addresses), both directions counted together;
     * traffic over a limit is dropped. 0 is no limit; both 0 removes the rules. The rules go
     * with the tunnel when it closes.
     */
    void setCaps(String tunnel, long totalKbps, long neighbourKbps, List<List<IpPrefix>> neighbours)
            throws DataPlaneException;

    /**
     * Deletes every interface whose name starts with {@code prefix}, with the rules made for
     * it: what a node that crashed left behind (with the interfaces go their routes and, for
     * {@code wireguard-go}, its process).
     *
     * @return the names deleted
     */
    List<String> removeInterfaces(String prefix) throws DataPlaneException;
}
