package io.smartshare.contracts;

import io.smartshare.ledger.identity.NodeIdentity;
import java.util.Arrays;
import java.util.HexFormat;

/** Deterministic identities and values shared by the tests and docs/contracts.md. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The identity whose 32-byte seed is {@code seedByte} repeated. */
    public static NodeIdentity identity(int seedByte) {
        return NodeIdentity.fromSeed(filled(seedByte, 32));
    }

    public static byte[] filled(int value, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
