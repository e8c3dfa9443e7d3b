package io.smartshare.node.mesh.auth;

import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.wire.Sealed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sealed frames from addresses whose sender's keys this node does not hold yet, kept until
 * they arrive: a new child can register with its parent before the parent has its hello and
 * key offer. At most {@value #MAX_ADDRESSES} addresses (the oldest forgotten first) and
 * {@value #MAX_PER_ADDRESS} frames per address (later ones dropped). Not thread-safe.
 */
public final class ParkedFrames {
    static final int MAX_ADDRESSES = 16;
    static final int MAX_PER_ADDRESS = 4;
    private final Map<LinkAddress, List<Sealed>> parked = new LinkedHashMap<>();

    /** Keeps {@code frame}, received from {@code from}. */
    public void park(LinkAddress from, Sealed frame) {
        if (!parked.containsKey(from) && parked.size() >= MAX_ADDRESSES) {
            parked.remove(parked.keySet().iterator().next());
        }
        List<Sealed> frames = parked.computeIfAbsent(from, a -> new ArrayList<>());
        if (frames.size() < MAX_PER_ADDRESS) {
            frames.add(frame);
        }
    }

    /** The frames kept for {@code from}, oldest first, removed from the parking. */
    public List<Sealed> unpark(LinkAddress from) {
        List<Sealed> frames = parked.remove(from);
        return frames == null ? List.of() : frames;
    }
}
