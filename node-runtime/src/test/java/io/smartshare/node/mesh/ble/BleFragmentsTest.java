package io.smartshare.node.mesh.ble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.ble.BleAddress;
import io.smartshare.hal.ble.BleRadio;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BleFragmentsTest {
    private static final BleAddress A = new BleAddress("02:00:00:00:00:01");

    @Test
    void helloTakesSixAdvertisementsThatReassembleInAnyOrderOnce() {
        byte[] frame = new byte[116];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) i;
        }
        List<byte[]> fragments = BleFragments.split(frame, 3);
        assertEquals(6, fragments.size());
        assertTrue(fragments.stream().allMatch(f -> f.length <= BleRadio.MAX_PAYLOAD));
        BleReassembly reassembly = new BleReassembly(4);
        Optional<byte[]> whole = Optional.empty();
        for (int i = fragments.size() - 1; i >= 0; i--) {
            whole = reassembly.accept(A, BleFragments.parse(fragments.get(i)).orElseThrow());
        }
        assertArrayEquals(frame, whole.orElseThrow());
        assertTrue(reassembly.accept(A, BleFragments.parse(fragments.get(5)).orElseThrow()).isEmpty(),
                "a repeated advertisement must not deliver the frame again");
    }

    @Test
    void foreignAdvertisementsAndOversizedFramesAreRefused() {
        assertTrue(BleFragments.parse(new byte[] {1, 2, 3, 4, 5}).isEmpty());
        assertTrue(BleFragments.parse(new byte[] {0x5B, 0, 0x21, 9}).isEmpty(), "index 2 of 2 does not exist");
        assertThrows(IllegalArgumentException.class, () -> BleFragments.split(new byte[BleFragments.MAX_FRAME + 1], 0));
    }

    @Test
    void newerMessageReplacesAnIncompleteOne() {
        BleReassembly reassembly = new BleReassembly(4);
        byte[] first = new byte[40];
        byte[] second = new byte[10];
        second[0] = 7;
        reassembly.accept(A, BleFragments.parse(BleFragments.split(first, 1).get(0)).orElseThrow());
        Optional<byte[]> got = reassembly.accept(A, BleFragments.parse(BleFragments.split(second, 2).get(0)).orElseThrow());
        assertArrayEquals(second, got.orElseThrow());
    }
}
