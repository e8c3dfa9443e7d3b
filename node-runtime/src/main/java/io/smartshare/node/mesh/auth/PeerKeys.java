package io.smartshare.node.mesh.auth;

import io.smartshare.node.mesh.clock.TokenBucket;
import java.util.Optional;

/** What this node holds for one neighbour. Owned and mutated by {@link LinkAuth} only. */
final class PeerKeys {
    /** The neighbour's tunnel public key, from its signed hello. */
    final byte[] tunnelKey;
    /** The key this node and the neighbour share; null until first needed, empty for a low-order key. */
    private Optional<byte[]> linkKey;
    /** The key this node seals frames to the neighbour with, in the current session. */
    byte[] outboundKey;
    /**
     * This node's sealing counter when it installed the neighbour's current session in place
     * of an earlier one (0 for its first): what it sealed for the neighbour's earlier runs is at
     * most this, and the neighbour, told so in this node's offers, refuses it.
     */
    long sealFloor;
    /** From the neighbour's last installed offer; {@code installed} false until one came. */
    boolean installed;
    long session;
    byte[] beaconKey;
    byte[] inboundKey;
    long lastBeacon;
    ReplayWindow window;
    /** Heartbeats from the neighbour's address that may still be checked now; null until the first. */
    TokenBucket beatChecks;
    /** Asks for the neighbour's keys, and offers sent in reply to its asks: each at most once per {@link LinkAuth#ASK_INTERVAL_MILLIS}. */
    final Pacer asks = new Pacer();
    final Pacer replies = new Pacer();

    PeerKeys(byte[] tunnelKey) {
        this.tunnelKey = tunnelKey.clone();
    }

    /** Lets something happen at most once per {@link LinkAuth#ASK_INTERVAL_MILLIS}. */
    static final class Pacer {
        private long lastMillis = Long.MIN_VALUE / 2;

        /** Whether it may happen at {@code nowMillis}; if so, it is taken as having happened. */
        boolean tryAt(long nowMillis) {
            if (nowMillis - lastMillis < LinkAuth.ASK_INTERVAL_MILLIS) {
                return false;
            }
            lastMillis = nowMillis;
            return true;
        }
    }

    Optional<byte[]> linkKey(byte[] ownPrivate, byte[] ownPublic) {
        if (linkKey == null) {
            linkKey = LinkCrypto.linkKey(ownPrivate, ownPublic, tunnelKey);
        }
        return linkKey;
    }
}
