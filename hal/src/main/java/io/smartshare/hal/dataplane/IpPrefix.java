package io.smartshare.hal.dataplane;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IP prefix, {@code 10.210.0.0/24} or {@code fd5a::/64}: an address and a prefix length.
 *
 * @param address the address (its host bits are kept as given: an interface address is a prefix too)
 * @param length the prefix length, 0..32 for IPv4, 0..128 for IPv6
 */
public record IpPrefix(InetAddress address, int length) {
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = address.getAddress().length * 8;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length: expected 0.." + max + ", found " + length);
        }
    }

    /**
     * Parses {@code address/length} with a numeric address; a bare address is a host prefix.
     *
     * @throws IllegalArgumentException naming the text if it is not one
     */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (host.isEmpty() || !(host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("not a numeric IP prefix: '" + text + "'");
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            int length = slash < 0 ? address.getAddress().length * 8 : Integer.parseInt(text.substring(slash + 1));
            return new IpPrefix(address, length);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a numeric IP prefix: '" + text + "'", e);
        }
    }

    /** Whether the host bits (those past the prefix length) are all zero: a network, not an interface address. */
    public boolean isNetwork() {
        byte[] bytes = address.getAddress();
        for (int bit = length; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether every address of {@code other} is in this prefix (both of one family). */
    public boolean contains(IpPrefix other) {
        byte[] mine = address.getAddress();
        byte[] theirs = other.address.getAddress();
        if (mine.length != theirs.length || other.length < length) {
            return false;
        }
        for (int bit = 0; bit < length; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((mine[bit / 8] & mask) != (theirs[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the two share an address: one contains the other. */
    public boolean overlaps(IpPrefix other) {
        return contains(other) || other.contains(this);
    }

    /** {@code address/length}, as {@code ip} and {@code wg} take it. */
    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
