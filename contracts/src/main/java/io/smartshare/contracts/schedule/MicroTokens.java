package io.smartshare.contracts.schedule;

import java.math.BigDecimal;

/**
 * Amounts of money as operators read them. Every amount in the contracts is an integer
 * number of micro-tokens (µT); a token is 10^6 µT.
 */
public final class MicroTokens {
    private MicroTokens() {
    }

    /** {@code 1500000} as {@code "1.500000"}: the same amount in tokens, exact, six decimals. */
    public static String tokens(long microTokens) {
        return BigDecimal.valueOf(microTokens, 6).toPlainString();
    }

    /** {@code 1500000} as {@code "1500000 µT (1.500000 tokens)"}. */
    public static String text(long microTokens) {
        return microTokens + " µT (" + tokens(microTokens) + " tokens)";
    }
}
