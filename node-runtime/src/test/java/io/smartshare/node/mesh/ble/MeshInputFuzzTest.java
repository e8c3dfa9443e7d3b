package io.smartshare.node.mesh.ble;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.smartshare.hal.ble.BleAddress;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.KeyCache;
import io.smartshare.node.mesh.wire.MalformedFrameException;

/**
 * Mesh frames (CoAP payloads of {@code /mh}, reassembled BLE messages) and BLE advertisement
 * fragments, whatever the bytes, decode to a frame or a {@link MalformedFrameException}, and
 * reassembly keeps its bounds: never another exception, a hang or an allocation out of
 * proportion to the input. Regression inputs in {@code mvn verify}; {@code scripts/fuzz}
 * fuzzes them.
 */
class MeshInputFuzzTest {
    private final KeyCache keys = new KeyCache(4);

    @FuzzTest
    void frame(byte[] bytes) {
        try {
            FrameCodec.decode(bytes, keys);
        } catch (MalformedFrameException expected) {
            // documented refusal
        }
    }

    @FuzzTest
    void bleFragments(FuzzedDataProvider data) {
        BleReassembly reassembly = new BleReassembly(2);
        BleAddress[] senders = {new BleAddress("02:00:00:00:00:01"), new BleAddress("02:00:00:00:00:02"),
                new BleAddress("02:00:00:00:00:03")};
        while (data.remainingBytes() > 0) {
            BleAddress sender = senders[data.consumeInt(0, senders.length - 1)];
            byte[] advertisement = data.consumeBytes(data.consumeInt(0, 40));
            BleFragments.parse(advertisement).ifPresent(fragment -> reassembly.accept(sender, fragment)
                    .ifPresent(frame -> frame(frame)));
        }
    }
}
