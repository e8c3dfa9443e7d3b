package io.smartshare.hal.meter;

import io.smartshare.hal.board.LinkSpec;

/**
 * One IP interface as metered now.
 *
 * @param name the kernel's interface name
 * @param role what the board file says the interface is for (the first entry that names or matches it)
 * @param up true if the interface is administratively up and has a carrier
 * @param rxBytes bytes received, as the kernel counts them, carried on past counter wraps
 *     (32-bit counters on older or 32-bit kernels) so that it never goes down while the
 *     board is open
 * @param txBytes bytes sent, likewise
 */
public record IpLink(String name, LinkSpec.Role role, boolean up, long rxBytes, long txBytes) {
}
