package io.smartshare.hal.meter;

/**
 * One IP interface as metered now.
 *
 * @param name the kernel's interface name
 * @param up true if the interface is administratively up and has a carrier
 * @param rxBytes bytes received, as the kernel counts them, carried on past counter wraps
 *     (32-bit counters on older or 32-bit kernels) so that it never goes down while the
 *     board is open
 * @param txBytes bytes sent, likewise
 */
public record IpLink(String name, boolean up, long rxBytes, long txBytes) {
}
