package io.smartshare.ledger.cbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CborDeterminismTest {

    static Stream<Arguments> nonCanonical() {
        return Stream.of(
                Arguments.of("1800", "shortest form"),
                Arguments.of("1817", "shortest form"),
                Arguments.of("190017", "shortest form"),
                Arguments.of("1900ff", "shortest form"),
                Arguments.of("1a0000ffff", "shortest form"),
                Arguments.of("1b00000000ffffffff", "shortest form"),
                Arguments.of("3800", "shortest form"),
                Arguments.of("580161", "shortest form"),
                Arguments.of("780161", "shortest form"),
                Arguments.of("980101", "shortest form"),
                Arguments.of("b8010101", "shortest form"),
                Arguments.of("9f01ff", "indefinite"),
                Arguments.of("5f4101ff", "indefinite"),
                Arguments.of("7f6161ff", "indefinite"),
                Arguments.of("bf0101ff", "indefinite"),
                Arguments.of("ff", "break"),
                Arguments.of("a202000100", "out of order"),
                Arguments.of("a201000100", "duplicate"),
                Arguments.of("a2616200616100", "out of order"),
                Arguments.of("a2616100186100", "out of order"),
                Arguments.of("0000", "trailing"),
                Arguments.of("fa3f800000", "shortest form"),
                Arguments.of("fb40f86a0000000000", "shortest form"),
                Arguments.of("fa7fc00000", "shortest form"),
                Arguments.of("c11a514b67b0", "tags"),
                Arguments.of("f7", "simple value"),
                Arguments.of("f0", "simple value"),
                Arguments.of("f818", "simple value"),
                Arguments.of("1c", "reserved"),
                Arguments.of("62c3", "exceeds"),
                Arguments.of("5affffffff", "exceeds"),
                Arguments.of("9affffffff", "exceeds"),
                Arguments.of("62fffe", "UTF-8"),
                Arguments.of("81", "exceeds"),
                Arguments.of("a101", "end of input"),
                Arguments.of("", "end of input"));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("nonCanonical")
    void rejectsNonCanonicalOrUnsupportedInput(String hex, String reason) {
        CborException e = assertThrows(CborException.class, () -> Cbor.decode(HexFormat.of().parseHex(hex)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().startsWith("offset "), e.getMessage());
    }

    @Test
    void rejectsNestingDeeperThanTheLimit() {
        byte[] deep = new byte[Cbor.MAX_DEPTH + 1];
        java.util.Arrays.fill(deep, (byte) 0x81);
        byte[] input = java.util.Arrays.copyOf(deep, deep.length + 1);
        CborException e = assertThrows(CborException.class, () -> Cbor.decode(input));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
    }

    @Test
    void ordersMapKeysByEncodedBytesWithIntegersBeforeTextAndShorterTextFirst() {
        CborMap map = CborMap.builder().put("aa", CborValue.of(1)).put("b", CborValue.of(2))
                .put(-1, CborValue.of(3)).put(10, CborValue.of(4)).put(100, CborValue.of(5)).build();
        // 0a < 1864 < 20 < 6162 < 626161
        assertEquals("a50a04186405200361620262616101", HexFormat.of().formatHex(Cbor.encode(map)));
        assertEquals(List.of(CborValue.of(10), CborValue.of(100), CborValue.of(-1), CborValue.of("b"),
                CborValue.of("aa")), map.entries().stream().map(CborMap.Entry::key).toList());
    }

    @Test
    void rejectsDuplicateKeysWhenBuilding() {
        CborException e = assertThrows(CborException.class,
                () -> CborMap.builder().put("k", CborValue.of(1)).put("k", CborValue.of(2)).build());
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void reEncodingAnAcceptedItemGivesTheSameBytes() {
        String hex = "a3016161397fff420102626b6b83f4f5f6";
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertEquals(hex, HexFormat.of().formatHex(Cbor.encode(Cbor.decode(bytes))));
    }

    @Test
    void looksUpMapValuesByIntegerAndTextKey() {
        CborMap map = CborMap.builder().put(1, "one").put("two", CborValue.of(2)).build();
        assertEquals(CborValue.of("one"), map.get(1).orElseThrow());
        assertEquals(CborValue.of(2), map.get("two").orElseThrow());
        assertTrue(map.get(3).isEmpty());
    }
}
