package io.smartshare.node.mesh.coap;

import io.smartshare.node.coap.CoapStartException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.UdpMulticastConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's membership of the All-CoAP-Nodes group on its mesh interface, through
 * Californium's multicast receiver: a {@link UdpMulticastConnector} bound to the group and
 * port, joined on that interface, whose datagrams the node's {@code coap://} connector
 * processes (so answers and the sender's view of our address use the unicast port). One
 * family per interface: IPv4 (224.0.1.187) when the interface has an IPv4 address, else
 * IPv6 link-local (ff02::fd), so that a neighbour is known by one address only.
 */
final class GroupMembership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupMembership.class);
    private static final String IPV4_GROUP = "224.0.1.187";
    private static final String IPV6_GROUP = "ff02::fd";

    private final UDPConnector unicast;
    private final UdpMulticastConnector receiver;
    private final InetSocketAddress group;

    private GroupMembership(UDPConnector unicast, UdpMulticastConnector receiver, InetSocketAddress group) {
        this.unicast = unicast;
        this.receiver = receiver;
        this.group = group;
    }

    /**
     * Joins the group on {@code interfaceName} and starts receiving.
     *
     * @throws CoapStartException if the interface does not exist or has no address, or the
     *     group port cannot be bound
     */
    static GroupMembership join(String interfaceName, int port, UDPConnector unicast, Configuration config) {
        NetworkInterface ni;
        try {
            ni = NetworkInterface.getByName(interfaceName);
        } catch (SocketException e) {
            throw new CoapStartException("mesh interface " + interfaceName + ": " + e.getMessage(), e);
        }
        if (ni == null) {
            throw new CoapStartException("mesh interface " + interfaceName + ": no such interface");
        }
        InetSocketAddress group = new InetSocketAddress(groupAddress(ni), port);
        UdpMulticastConnector receiver = new UdpMulticastConnector.Builder()
                .setLocalAddress(group)
                .addMulticastGroup(group.getAddress(), ni)
                .setMulticastReceiver(true)
                .setConfiguration(config)
                .build();
        unicast.addMulticastReceiver(receiver);
        try {
            receiver.start();
        } catch (IOException e) {
            unicast.removeMulticastReceiver(receiver);
            receiver.destroy();
            throw new CoapStartException("cannot join " + group + " on " + interfaceName + ": " + e.getMessage(), e);
        }
        LOG.info("event=mesh_group_joined group={} interface={}", group, interfaceName);
        return new GroupMembership(unicast, receiver, group);
    }

    /** Where hellos and heartbeats for the group go. */
    InetSocketAddress group() {
        return group;
    }

    private static InetAddress groupAddress(NetworkInterface ni) {
        boolean v4 = false;
        boolean v6 = false;
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
            v4 |= a instanceof Inet4Address;
            v6 |= a instanceof Inet6Address;
        }
        try {
            if (v4) {
                return InetAddress.getByName(IPV4_GROUP);
            }
            if (v6) {
                return Inet6Address.getByAddress(null, InetAddress.getByName(IPV6_GROUP).getAddress(), ni);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("constant group address did not parse", e);
        }
        throw new CoapStartException("mesh interface " + ni.getName() + ": has no IPv4 or IPv6 address");
    }

    @Override
    public void close() {
        unicast.removeMulticastReceiver(receiver);
        receiver.destroy();
    }
}
