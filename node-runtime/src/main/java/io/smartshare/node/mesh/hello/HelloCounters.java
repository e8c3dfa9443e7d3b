package io.smartshare.node.mesh.hello;

/**
 * How many hellos one node accepted and dropped, by reason, since it started. Immutable.
 *
 * @param accepted hellos that passed every check
 * @param sighted copies of an accepted hello heard over another medium (not dropped)
 * @param badSignature dropped: forged or corrupted
 * @param replayed dropped: old or replayed sequence
 * @param rateLimited dropped: sender over its rate limit
 * @param malformed datagrams of any type that did not decode
 */
public record HelloCounters(long accepted, long sighted, long badSignature, long replayed, long rateLimited, long malformed) {
    /** All hellos dropped, for any reason. */
    public long dropped() {
        return badSignature + replayed + rateLimited;
    }
}
