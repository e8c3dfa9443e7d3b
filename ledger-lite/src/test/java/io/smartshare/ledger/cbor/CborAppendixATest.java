package io.smartshare.ledger.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The RFC 8949 Appendix A examples for the types this codec supports. */
class CborAppendixATest {

    private static CborValue i(long v) {
        return CborValue.of(v);
    }

    private static CborValue t(String v) {
        return CborValue.of(v);
    }

    private static CborValue a(CborValue... items) {
        return new CborValue.Array(List.of(items));
    }

    static Stream<Arguments> examples() {
        List<CborValue> oneTo25 = new ArrayList<>();
        for (int k = 1; k <= 25; k++) {
            oneTo25.add(i(k));
        }
        return Stream.of(
                Arguments.of(i(0), "00"),
                Arguments.of(i(1), "01"),
                Arguments.of(i(10), "0a"),
                Arguments.of(i(23), "17"),
                Arguments.of(i(24), "1818"),
                Arguments.of(i(25), "1819"),
                Arguments.of(i(100), "1864"),
                Arguments.of(i(1000), "1903e8"),
                Arguments.of(i(1000000), "1a000f4240"),
                Arguments.of(i(1000000000000L), "1b000000e8d4a51000"),
                Arguments.of(i(-1), "20"),
                Arguments.of(i(-10), "29"),
                Arguments.of(i(-100), "3863"),
                Arguments.of(i(-1000), "3903e7"),
                Arguments.of(i(Long.MAX_VALUE), "1b7fffffffffffffff"),
                Arguments.of(i(Long.MIN_VALUE), "3b7fffffffffffffff"),
                Arguments.of(CborValue.of(false), "f4"),
                Arguments.of(CborValue.of(true), "f5"),
                Arguments.of(CborValue.Null.NULL, "f6"),
                Arguments.of(CborValue.of(new byte[0]), "40"),
                Arguments.of(CborValue.of(new byte[] {1, 2, 3, 4}), "4401020304"),
                Arguments.of(t(""), "60"),
                Arguments.of(t("a"), "6161"),
                Arguments.of(t("IETF"), "6449455446"),
                Arguments.of(t("\"\\"), "62225c"),
                Arguments.of(t("\u00fc"), "62c3bc"),
                Arguments.of(t("\u6c34"), "63e6b0b4"),
                Arguments.of(t("\ud800\udd51"), "64f0908591"),
                Arguments.of(a(), "80"),
                Arguments.of(a(i(1), i(2), i(3)), "83010203"),
                Arguments.of(a(i(1), a(i(2), i(3)), a(i(4), i(5))), "8301820203820405"),
                Arguments.of(new CborValue.Array(oneTo25),
                        "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
                Arguments.of(CborMap.empty(), "a0"),
                Arguments.of(CborMap.builder().put(3, 4).put(1, 2).build(), "a201020304"),
                Arguments.of(CborMap.builder().put("b", a(i(2), i(3))).put("a", i(1)).build(), "a26161016162820203"),
                Arguments.of(a(t("a"), CborMap.builder().put("b", t("c")).build()), "826161a161626163"),
                Arguments.of(CborMap.builder().put("e", t("E")).put("d", t("D")).put("c", t("C"))
                        .put("b", t("B")).put("a", t("A")).build(), "a56161614161626142616361436164614461656145"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("examples")
    void encodesAndDecodesAppendixAExample(CborValue value, String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertArrayEquals(bytes, Cbor.encode(value));
        assertEquals(value, Cbor.decode(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void rejectsAppendixAIntegersOutsideSigned64Bits(String hex) {
        CborException e = assertThrows(CborException.class, () -> Cbor.decode(HexFormat.of().parseHex(hex)));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    static Stream<String> outOfRange() {
        return Stream.of("1bffffffffffffffff", "3bffffffffffffffff", "1b8000000000000000");
    }
}
