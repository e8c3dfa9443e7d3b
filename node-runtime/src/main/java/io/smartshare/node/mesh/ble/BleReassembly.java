package io.smartshare.node.mesh.ble;

import io.smartshare.hal.ble.BleAddress;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Puts fragments back together, per sender: one message in progress per sender (a fragment
 * of a newer message discards it), a message completed once is not delivered again (radios
 * repeat their last advertisement), and at most {@code maxSenders} senders are tracked (the
 * least recently heard is forgotten). Not thread-safe.
 */
final class BleReassembly {
    private final Map<BleAddress, Partial> partials;

    BleReassembly(int maxSenders) {
        this.partials = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<BleAddress, Partial> eldest) {
                return size() > maxSenders;
            }
        };
    }

    /** The whole frame, if {@code fragment} from {@code sender} completes one. */
    Optional<byte[]> accept(BleAddress sender, BleFragments.Fragment fragment) {
        Partial partial = partials.get(sender);
        if (partial == null || partial.number != fragment.number() || partial.chunks.length != fragment.count()) {
            if (partial != null && partial.number == fragment.number() && partial.completed) {
                return Optional.empty();
            }
            partial = new Partial(fragment.number(), fragment.count());
            partials.put(sender, partial);
        }
        if (partial.completed || partial.chunks[fragment.index()] != null) {
            return Optional.empty();
        }
        partial.chunks[fragment.index()] = fragment.chunk();
        if (++partial.received < partial.chunks.length) {
            return Optional.empty();
        }
        partial.completed = true;
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        for (byte[] chunk : partial.chunks) {
            frame.writeBytes(chunk);
        }
        return Optional.of(frame.toByteArray());
    }

    private static final class Partial {
        final int number;
        final byte[][] chunks;
        int received;
        boolean completed;

        Partial(int number, int count) {
            this.number = number;
            this.chunks = new byte[count][];
        }
    }
}
