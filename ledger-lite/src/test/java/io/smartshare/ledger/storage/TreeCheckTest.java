package io.smartshare.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TreeCheckTest {
    @Test
    void encodesLeavesCrcAndItsOwnCrcBigEndianAndDecodesThemBack() {
        TreeCheck check = new TreeCheck(10_000, 0xcafe_f00d);
        byte[] encoded = check.encode();
        assertEquals(TreeCheck.LENGTH, encoded.length);
        assertEquals("0000000000002710cafef00d", HexFormat.of().formatHex(encoded, 0, 12));
        assertEquals(check, TreeCheck.decode(encoded).orElseThrow());
    }

    @Test
    void anyFlippedBitOrWrongLengthIsNoCheck() {
        byte[] encoded = new TreeCheck(123_456, 42).encode();
        for (int bit = 0; bit < encoded.length * 8; bit++) {
            byte[] flipped = encoded.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertTrue(TreeCheck.decode(flipped).isEmpty(), "bit " + bit);
        }
        assertTrue(TreeCheck.decode(Arrays.copyOf(encoded, 8)).isEmpty());
        assertTrue(TreeCheck.decode(new byte[0]).isEmpty());
    }
}
