package io.smartshare.node.uplink;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.ledger.identity.NodeId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Mesh addresses without a coordinator (docs/uplink.md): every node's address in the mesh is
 * an IPv6 unique local address derived from its node id alone, so every node can compute
 * any other's. Prefix {@code fd73:7368:6172::/48} ("sshar"), subnet 0, interface identifier
 * the first 8 bytes of SHA-256("smartshare/mesh-address/v1" ‖ node id in ASCII).
 */
public final class MeshAddresses {
    /** The mesh's prefix: routed through the tunnel interface on every node. */
    public static final IpPrefix MESH_PREFIX = IpPrefix.parse("fd73:7368:6172::/48");
    private static final byte[] DOMAIN = "smartshare/mesh-address/v1".getBytes(StandardCharsets.US_ASCII);

    private MeshAddresses() {
    }

    /** The address of {@code node}, as a /128. */
    public static IpPrefix of(NodeId node) {
        byte[] address = new byte[16];
        System.arraycopy(MESH_PREFIX.address().getAddress(), 0, address, 0, 6);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(DOMAIN);
            System.arraycopy(sha.digest(node.value().getBytes(StandardCharsets.US_ASCII)), 0, address, 8, 8);
            return new IpPrefix(InetAddress.getByAddress(address), 128);
        } catch (NoSuchAlgorithmException | UnknownHostException e) {
            throw new IllegalStateException("SHA-256 and 16-byte addresses are always available", e);
        }
    }
}
