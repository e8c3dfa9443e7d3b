package io.smartshare.ledger.cbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Floating-point items: the RFC 8949 Appendix A cases and rejection of longer forms. */
class CborFloatTest {
    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
        "0.0, f90000",
        "-0.0, f98000",
        "1.0, f93c00",
        "1.1, fb3ff199999999999a",
        "1.5, f93e00",
        "65504.0, f97bff",
        "100000.0, fa47c35000",
        "3.4028234663852886e+38, fa7f7fffff",
        "1.0e+300, fb7e37e43c8800759c",
        "5.960464477539063e-8, f90001",
        "0.00006103515625, f90400",
        "-4.0, f9c400",
        "-4.1, fbc010666666666666",
        "Infinity, f97c00",
        "-Infinity, f9fc00",
        "NaN, f97e00",
    })
    void encodesAndDecodesTheAppendixACases(double value, String hex) {
        byte[] encoded = HexFormat.of().parseHex(hex);
        assertEquals(hex, HexFormat.of().formatHex(Cbor.encode(new CborValue.Float(value))));
        assertEquals(new CborValue.Float(value), Cbor.decode(encoded));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "fa3f800000, 1.0 as single instead of half",
        "fb3ff0000000000000, 1.0 as double instead of half",
        "fb40f86a0000000000, 100000.0 as double instead of single",
        "fa7fc00000, NaN as single",
        "f97e01, NaN with a payload",
    })
    void rejectsFloatsNotInTheirShortestForm(String hex, String why) {
        CborException error = assertThrows(CborException.class, () -> Cbor.decode(HexFormat.of().parseHex(hex)), why);
        assertTrue(error.getMessage().contains("shortest form"), error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"f93c", "fa47c350", "fb3ff19999"})
    void rejectsTruncatedFloats(String hex) {
        assertThrows(CborException.class, () -> Cbor.decode(HexFormat.of().parseHex(hex)));
    }
}
