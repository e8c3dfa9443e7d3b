package io.smartshare.node.mesh.auth;

import java.util.Optional;

/**
 * What opening a sealed frame gave.
 *
 * @param verdict why it was or was not opened
 * @param inner the inner frame's bytes when opened
 */
public record Opened(Verdict verdict, Optional<byte[]> inner) {
    /** Why a sealed frame was or was not opened. */
    public enum Verdict {
        /** The tag verified and the counter is new. */
        OPENED,
        /** A counter already seen or too old: a duplicate or a replay, dropped silently. */
        REPLAYED,
        /** The tag does not verify under the neighbour's installed keys: spoofed, or the neighbour has new keys. */
        FORGED,
        /** No keys of the neighbour installed yet. */
        NO_KEYS
    }
}
