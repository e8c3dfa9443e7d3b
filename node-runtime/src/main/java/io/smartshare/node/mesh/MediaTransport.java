package io.smartshare.node.mesh;

import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.link.Medium;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One node's links over several media as one {@link MeshTransport}: a multicast goes out on
 * every medium, a unicast or confirmable frame on the medium of its link address. A frame to
 * a medium this node has no transport for is dropped (confirmable: reported timed out).
 */
public final class MediaTransport implements MeshTransport {
    private final Map<Medium, MeshTransport> byMedium;

    /** @param byMedium at least one transport, each for the medium of the link addresses it produces */
    public MediaTransport(Map<Medium, MeshTransport> byMedium) {
        if (byMedium.isEmpty()) {
            throw new IllegalArgumentException("media transport: expected at least one medium");
        }
        this.byMedium = new EnumMap<>(byMedium);
    }

    @Override
    public void multicast(byte[] frame) {
        byMedium.values().forEach(t -> t.multicast(frame));
    }

    @Override
    public void unicast(LinkAddress to, byte[] frame) {
        MeshTransport t = byMedium.get(to.medium());
        if (t != null) {
            t.unicast(to, frame);
        }
    }

    @Override
    public void confirmable(LinkAddress to, byte[] frame, Consumer<Delivery> outcome) {
        MeshTransport t = byMedium.get(to.medium());
        if (t == null) {
            outcome.accept(new Delivery.TimedOut(1));
        } else {
            t.confirmable(to, frame, outcome);
        }
    }
}
