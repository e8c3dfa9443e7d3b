package io.smartshare.hal.board;

/**
 * How much CPU the node may spend on work for others.
 *
 * @param shareCapPercent the cap, in percent of the whole machine (all cores), 1 to 100
 */
public record CpuSpec(int shareCapPercent) {
    public CpuSpec {
        if (shareCapPercent < 1 || shareCapPercent > 100) {
            throw new IllegalArgumentException("share cap must be 1..100 percent, found " + shareCapPercent);
        }
    }
}
