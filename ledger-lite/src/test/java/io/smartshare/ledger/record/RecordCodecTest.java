package io.smartshare.ledger.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.Hash;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ZERO32 = "5820" + "00".repeat(32);
    /** Record 0 of docs/ledger-format.md, written out: {0:1, 1:0, 2:h'00..', 3:t, 4:1, 5:{...}}. */
    private static final String TIME = "031b0000018bcfe56800";
    private static final String BODY = "a400666e65742e7478011905dc0261420319ea60";

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("a60001" + "0100" + "02" + ZERO32 + TIME + "0401" + "05" + BODY + "00", "trailing"),
                Arguments.of("a60002" + "0100" + "02" + ZERO32 + TIME + "0401" + "05" + BODY, "version"),
                Arguments.of("a6000118" + "0100" + "02" + ZERO32 + TIME + "0401" + "05" + BODY, "shortest form"),
                Arguments.of("a600010118000" + "2" + ZERO32 + TIME + "0401" + "05" + BODY, "shortest form"),
                Arguments.of("a60001" + "0100" + "025820" + "00".repeat(31) + TIME + "0401" + "05" + BODY, "expected key 3"),
                Arguments.of("a60001" + "0100" + "02" + ZERO32 + TIME + "0409" + "05" + BODY, "type"),
                Arguments.of("a60001" + "0100" + "02" + ZERO32 + TIME + "0402" + "05" + BODY, "receipt"),
                Arguments.of("a50001" + "0100" + "02" + ZERO32 + TIME + "0401", "expected keys"),
                Arguments.of("a60001" + "0200" + "02" + ZERO32 + TIME + "0401" + "05" + BODY, "expected key 1"),
                Arguments.of("a60001" + "0100" + "02" + ZERO32 + TIME + "0401" + "05"
                        + "a400666e65742e7478011905dc02614203fa47c35000", "major type 7"),
                Arguments.of("a60001" + "0100" + "02" + ZERO32 + TIME + "0401" + "05"
                        + "a4006466ff7478011905dc0261420319ea60", "UTF-8"),
                Arguments.of("a60001" + "0100" + "02" + "5820" + "01".repeat(32) + TIME + "0401" + "05" + BODY,
                        "prev"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void rejectsRecordsThatAreNotExactlyFormatVersion1(String hex, String reason) {
        RecordException e = assertThrows(RecordException.class, () -> Record.decode(HEX.parseHex(hex)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void decodesTheWrittenOutRecordAndPeeksItsType() {
        byte[] bytes = HEX.parseHex("a60001" + "0100" + "02" + ZERO32 + TIME + "0401" + "05" + BODY);
        Record r = Record.decode(bytes);
        assertEquals(new MeteringSample("net.tx", 1500, "B", 60000), r.body());
        assertEquals(1, Record.peekType(bytes));
    }

    @Test
    void roundTripsEveryBodyType() {
        NodeIdentity peer = NodeIdentity.fromSeed(new byte[32]);
        byte[] statement = "st\u00e4tement".getBytes(StandardCharsets.UTF_8);
        RecordBody[] bodies = {
            new MeteringSample("storage.\u00fc", 0, "B", 1),
            new Receipt(peer.publicKey(), statement, peer.sign(statement)),
            new CheckpointMarker(7, Hash.of(new byte[32]), new byte[64]),
            new KeyEvent(KeyEvent.Kind.INCEPTION, peer.publicKey())};
        for (RecordBody body : bodies) {
            Record r = new Record(7, Hash.of(new byte[32]), 5, body);
            assertEquals(r, Record.decode(r.encode()));
            assertEquals(body.typeCode(), Record.peekType(r.encode()));
        }
    }
}
