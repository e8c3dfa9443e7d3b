package io.smartshare.node.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smartshare.node.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesNestedDocumentsInInsertionOrder() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("b", 1L);
        doc.put("a", List.of(true, "x", Map.of(), 25.08, new byte[] {(byte) 0xfb, 0x01}));
        assertEquals("{\"b\":1,\"a\":[true,\"x\",{},25.08,\"-wE\"]}", Json.write(doc));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"q\\\"b\\\\n\\nc\\u0001\"", Json.write("q\"b\\n\nc\u0001"));
    }

    @Test
    void rejectsValuesOutsideTheDocumentModel() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", 1.5f)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
    }
}
