package io.smartshare.node.uplink;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.ledger.identity.NodeId;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Mesh addresses without a coordinator (docs/uplink.md): every node's addresses in the mesh
 * are derived from its node id alone, so every node can compute any other's. IPv6: prefix
 * {@code fd73:7368:6172::/48} ("sshar"), subnet 0, interface identifier the first 8 bytes of
 * SHA-256("smartshare/mesh-address/v1" ‖ node id in ASCII). IPv4, for IPv4-only traffic:
 * in the mesh's pool (every node of a mesh is configured with the same one), host number
 * 1 + (the first 8 bytes of SHA-256("smartshare/mesh-address-v4/v1" ‖ node id), unsigned,
 * modulo the pool's size less 2), so never the pool's first or last address.
 */
public final class MeshAddresses {
    /** The mesh's prefix: routed through the tunnel interface on every node. */
    public static final IpPrefix MESH_PREFIX = IpPrefix.parse("fd73:7368:6172::/48");
    /** The IPv4 pool unless the operator config names another: RFC 6598's shared space, meant for a carrier's NAT. */
    public static final IpPrefix DEFAULT_IPV4_POOL = IpPrefix.parse("100.64.0.0/10");
    private static final byte[] DOMAIN = "smartshare/mesh-address/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DOMAIN_V4 = "smartshare/mesh-address-v4/v1".getBytes(StandardCharsets.US_ASCII);

    private MeshAddresses() {
    }

    /** The IPv6 address of {@code node}, as a /128. */
    public static IpPrefix of(NodeId node) {
        byte[] address = new byte[16];
        System.arraycopy(MESH_PREFIX.address().getAddress(), 0, address, 0, 6);
        System.arraycopy(hash(DOMAIN, node), 0, address, 8, 8);
        return host(address, 128);
    }

    /**
     * The IPv4 address of {@code node} in {@code pool}, as a /32.
     *
     * @throws IllegalArgumentException if the pool is not an IPv4 network of 4 addresses or more
     */
    public static IpPrefix ipv4(NodeId node, IpPrefix pool) {
        checkPool(pool);
        long size = 1L << (32 - pool.length());
        long hostNumber = 1 + Long.remainderUnsigned(ByteBuffer.wrap(hash(DOMAIN_V4, node)).getLong(), size - 2);
        long base = ByteBuffer.wrap(pool.address().getAddress()).getInt() & 0xFFFF_FFFFL;
        return host(ByteBuffer.allocate(4).putInt((int) (base + hostNumber)).array(), 32);
    }

    /**
     * Checks that {@code pool} can be an IPv4 pool: an IPv4 network of at least 4 addresses.
     *
     * @throws IllegalArgumentException saying why not
     */
    public static IpPrefix checkPool(IpPrefix pool) {
        if (!(pool.address() instanceof Inet4Address) || pool.length() > 30 || !pool.isNetwork()) {
            throw new IllegalArgumentException("IPv4 pool " + pool + ": expected an IPv4 network of /30 or larger, host bits zero");
        }
        return pool;
    }

    private static byte[] hash(byte[] domain, NodeId node) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(domain);
            return sha.digest(node.value().getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static IpPrefix host(byte[] address, int length) {
        try {
            return new IpPrefix(InetAddress.getByAddress(address), length);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4- and 16-byte addresses are always addresses", e);
        }
    }
}
