package io.smartshare.contracts.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MicroTokensTest {
    @Test
    void aTokenIsAMillionMicroTokensShownWithSixDecimals() {
        assertEquals("1500000 µT (1.500000 tokens)", MicroTokens.text(1_500_000));
        assertEquals("7 µT (0.000007 tokens)", MicroTokens.text(7));
        assertEquals("0 µT (0.000000 tokens)", MicroTokens.text(0));
        assertEquals("9223372036854.775807", MicroTokens.tokens(Long.MAX_VALUE));
    }
}
