package io.smartshare.node.mesh.clock;

/** A token bucket on a caller-supplied clock: {@code burst} tokens, refilled at {@code perSecond}. */
public final class TokenBucket {
    private final double burst;
    private final double perMilli;
    private double tokens;
    private long lastMillis;

    public TokenBucket(int burst, double perSecond, long nowMillis) {
        this.burst = burst;
        this.perMilli = perSecond / 1000.0;
        this.tokens = burst;
        this.lastMillis = nowMillis;
    }

    /** Takes one token if there is one. */
    public boolean tryTake(long nowMillis) {
        if (nowMillis > lastMillis) {
            tokens = Math.min(burst, tokens + (nowMillis - lastMillis) * perMilli);
            lastMillis = nowMillis;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
