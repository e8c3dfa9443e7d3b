package io.smartshare.ledger.cbor;

/**
 * Preferred serialization of floating-point values (RFC 8949 §4.1, §4.2.1): the shortest of
 * half, single and double precision that holds the value exactly; NaN as {@code 0xf97e00}.
 */
final class FloatEncoding {
    private FloatEncoding() {
    }

    /** The additional-information code (25, 26, 27) and the bits to write for {@code value}. */
    record Encoded(int info, long bits) {
    }

    static Encoded encode(double value) {
        if (Double.isNaN(value)) {
            return new Encoded(25, 0x7e00);
        }
        float single = (float) value;
        if ((double) single != value) {
            return new Encoded(27, Double.doubleToRawLongBits(value));
        }
        int half = halfBitsIfExact(single);
        return half >= 0 ? new Encoded(25, half) : new Encoded(26, Float.floatToRawIntBits(single) & 0xffffffffL);
    }

    /** The value of half-precision {@code bits} (IEEE 754 binary16). */
    static double halfToDouble(int bits) {
        int sign = (bits & 0x8000) != 0 ? -1 : 1;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0) {
            return sign * Math.scalb((double) mantissa, -24);
        }
        if (exponent == 31) {
            return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return sign * Math.scalb((double) (mantissa | 0x400), exponent - 25);
    }

    /** The binary16 bits of {@code value} if it holds it exactly (NaN excluded), else -1. */
    static int halfBitsIfExact(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            return mantissa == 0 ? sign | 0x7c00 : -1;
        }
        if (exponent == 0) {
            return mantissa == 0 ? sign : -1;
        }
        int unbiased = exponent - 127;
        if (unbiased > 15 || unbiased < -24) {
            return -1;
        }
        if (unbiased >= -14) {
            return (mantissa & 0x1fff) != 0 ? -1 : sign | ((unbiased + 15) << 10) | (mantissa >>> 13);
        }
        int significand = mantissa | 0x800000;
        int shift = -(unbiased + 1);
        return (significand & ((1 << shift) - 1)) != 0 ? -1 : sign | (significand >>> shift);
    }
}
