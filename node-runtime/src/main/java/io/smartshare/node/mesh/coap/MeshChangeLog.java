package io.smartshare.node.mesh.coap;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs mesh changes at info, one {@link MeshChange#line()} each. */
public final class MeshChangeLog {
    private static final Logger LOG = LoggerFactory.getLogger(MeshChangeLog.class);

    private MeshChangeLog() {
    }

    /** A listener that logs every change. */
    public static Consumer<MeshChange> toLog() {
        return change -> LOG.info(change.line());
    }
}
