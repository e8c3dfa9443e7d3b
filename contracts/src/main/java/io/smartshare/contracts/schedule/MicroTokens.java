package io.smartshare.contracts.schedule;

import java.math.BigDecimal;

/**
 * Amounts of money as operators read them. Every amount in the contracts is an integer
 * number of micro-tokens (µT); a token is 10^6 µT.
 */
public final class MicroTokens {
    /** Micro-tokens in one token. */
    public static final long PER_TOKEN = 1_000_000;

    private MicroTokens() {
    }

    /** {@code 1500000} as {@code 1.500000}: exact, six decimals. */
    public static BigDecimal tokens(long microTokens) {
        return BigDecimal.valueOf(microTokens, 6);
    }

    /** {@code 1500000} as {@code "1500000 µT (1.500000 tokens)"}. */
    public static String text(long microTokens) {
        return microTokens + " µT (" + tokens(microTokens).toPlainString() + " tokens)";
    }
}
