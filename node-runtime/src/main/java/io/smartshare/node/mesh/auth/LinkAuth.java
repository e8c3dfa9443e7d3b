package io.smartshare.node.mesh.auth;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.clock.TokenBucket;
import io.smartshare.node.mesh.wire.FrameType;
import io.smartshare.node.mesh.wire.Heartbeat;
import io.smartshare.node.mesh.wire.KeyOffer;
import io.smartshare.node.mesh.wire.Sealed;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Predicate;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Per-link authentication of the mesh's unsigned frames (docs/mesh-protocol.md, "Link
 * authentication"). Each run of a node is a <em>session</em> with a random secret; from it
 * come a beacon key, which tags the node's multicast heartbeats, and for each neighbour a
 * unicast key, which tags the sealed frames sent to it. The node hands both to each neighbour
 * in a {@link KeyOffer}, sealed under the key the two share by X25519 of their tunnel keys,
 * whose public halves their signed hellos carry. So a frame from a spoofed address, a replay,
 * or a frame from before the sender's restart is refused: only the neighbour holding the
 * tunnel key that its signed hello names can keep its link alive or send it registrations,
 * probes and data. (A neighbour could forge another's heartbeats towards a third, since every
 * neighbour holds the same beacon key: an insider, which the docs discuss.)
 *
 * <p>State is kept per neighbour the caller names with {@link #know} and dropped by {@link
 * #retain}. Not thread-safe (the mesh node is the monitor).
 */
public final class LinkAuth {
    /** Heartbeats a receiver may have missed and still verify the next: counters tried after the last verified. */
    public static final int BEACON_WINDOW = 8;
    /**
     * Heartbeats checked per neighbour: a burst of {@value}, then {@link #BEAT_CHECKS_PER_SECOND}
     * a second (twice the rate a neighbour sends them); beyond, a heartbeat from its address is
     * refused unchecked. With 16-bit tags and {@value #BEACON_WINDOW} counters tried, a forger
     * matches one heartbeat in 8,192 checks: at this rate one in about 40 minutes, worth at most
     * 2.7 s of a dead link kept alive; a flood that uses up the checks delays a live neighbour's
     * heartbeats, not its sealed probe answers, which keep it alive.
     */
    public static final int BEAT_CHECK_BURST = 4;
    /** See {@link #BEAT_CHECK_BURST}. */
    public static final double BEAT_CHECKS_PER_SECOND = 10.0 / 3;
    /** Least time between two asks for a neighbour's keys, and between two offers sent in reply to one neighbour. */
    public static final long ASK_INTERVAL_MILLIS = 1_000;
    private static final long MAX_COUNTER = 0xFFFF_FFFFL;
    private static final byte[] BEACON_LABEL = "beacon".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNICAST_LABEL = "unicast".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_LENGTH = 16;

    private final byte[] tunnelPrivate;
    private final byte[] tunnelPublic;
    private final Random random;
    private final LinkCrypto.Tagger tagger = new LinkCrypto.Tagger();
    private final Map<NodeId, PeerKeys> peers = new HashMap<>();
    private long session;
    private byte[] secret;
    private byte[] beaconKey;
    private long beaconCounter;
    private long sealCounter;
    private long offersSent;
    private long offersInstalled;
    private long offersRefused;
    private long beatsRefused;
    private long sealedRefused;
    private long unsealedRefused;
    private long sessions;

    /**
     * @param tunnelPrivate the node's X25519 private key ({@code tunnel.key})
     * @param session the first session's number: greater than any this key used before
     *     (the daemon uses its first hello sequence, which grows across restarts)
     * @param random the source of session secrets and nonces (a {@link java.security.SecureRandom} in the daemon)
     */
    public LinkAuth(byte[] tunnelPrivate, long session, Random random) {
        this.tunnelPrivate = tunnelPrivate.clone();
        this.tunnelPublic = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(this.tunnelPrivate, 0, tunnelPublic, 0);
        this.random = random;
        startSession(session);
    }

    /** This node's tunnel public key, for its hellos. */
    public byte[] tunnelPublicKey() {
        return tunnelPublic.clone();
    }

    /** The current session number. */
    public long session() {
        return session;
    }

    /**
     * Records the tunnel key of {@code neighbor}, from a hello whose signature was checked. A
     * key other than the one known forgets what was held for the old one.
     */
    public void know(NodeId neighbor, byte[] tunnelKey) {
        PeerKeys known = peers.get(neighbor);
        if (known == null || !Arrays.equals(known.tunnelKey, tunnelKey)) {
            peers.put(neighbor, new PeerKeys(tunnelKey));
        }
    }

    /** The tunnel key {@code neighbor}'s signed hello named, if it is known. */
    public Optional<byte[]> tunnelKeyOf(NodeId neighbor) {
        return Optional.ofNullable(peers.get(neighbor)).map(p -> p.tunnelKey.clone());
    }

    /** Whether {@code neighbor}'s current keys are installed: its heartbeats and sealed frames can be checked. */
    public boolean hasKeysOf(NodeId neighbor) {
        PeerKeys peer = peers.get(neighbor);
        return peer != null && peer.installed;
    }

    /** Forgets every neighbour {@code keep} rejects. */
    public void retain(Predicate<NodeId> keep) {
        peers.keySet().removeIf(keep.negate());
    }

    /** This node's keys for {@code neighbor}, sealed for it; empty if its tunnel key is unknown or unusable. */
    public Optional<KeyOffer> offer(NodeId neighbor, boolean replyRequested) {
        PeerKeys peer = peers.get(neighbor);
        if (peer == null) {
            return Optional.empty();
        }
        Optional<byte[]> linkKey = peer.linkKey(tunnelPrivate, tunnelPublic);
        if (linkKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] nonce = new byte[KeyOffer.NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] plaintext = ByteBuffer.allocate(KeyOffer.PLAINTEXT_LENGTH).put(beaconKey).put(outboundKey(peer))
                .putInt((int) beaconCounter).putInt((int) peer.sealFloor).array();
        byte[] header = KeyOffer.header(replyRequested, session);
        byte[] sealed = LinkCrypto.seal(linkKey.get(), nonce, offerAad(header, tunnelPublic, peer.tunnelKey), plaintext);
        offersSent++;
        return Optional.of(new KeyOffer(replyRequested, session, nonce, sealed));
    }

    /** Takes {@code offer}, received from the link of {@code neighbor}. */
    public OfferVerdict accept(NodeId neighbor, KeyOffer offer) {
        OfferVerdict verdict = check(peers.get(neighbor), offer);
        if (verdict == OfferVerdict.INSTALLED) {
            offersInstalled++;
        } else if (verdict != OfferVerdict.CURRENT) {
            offersRefused++;
        }
        return verdict;
    }

    private OfferVerdict check(PeerKeys peer, KeyOffer offer) {
        if (peer == null) {
            return OfferVerdict.UNKNOWN;
        }
        if (peer.installed && Long.compareUnsigned(offer.session(), peer.session) < 0) {
            return OfferVerdict.STALE;
        }
        Optional<byte[]> linkKey = peer.linkKey(tunnelPrivate, tunnelPublic);
        byte[] header = KeyOffer.header(offer.replyRequested(), offer.session());
        Optional<byte[]> plaintext = linkKey.flatMap(k -> LinkCrypto.open(k, offer.nonce(),
                offerAad(header, peer.tunnelKey, tunnelPublic), offer.sealed()));
        if (plaintext.isEmpty()) {
            return OfferVerdict.FORGED;
        }
        ByteBuffer keys = ByteBuffer.wrap(plaintext.get());
        byte[] beacon = new byte[KEY_LENGTH];
        byte[] inbound = new byte[KEY_LENGTH];
        keys.get(beacon).get(inbound);
        long counter = keys.getInt() & MAX_COUNTER;
        long sealFloor = keys.getInt() & MAX_COUNTER;
        if (peer.installed && offer.session() == peer.session) {
            peer.lastBeacon = Math.max(peer.lastBeacon, counter);
            return OfferVerdict.CURRENT;
        }
        // this node's frames sealed for the neighbour's earlier run are refused from now on;
        // before its first session, everything sealed for it was for this run
        peer.sealFloor = peer.installed ? sealCounter : 0;
        peer.installed = true;
        peer.session = offer.session();
        peer.beaconKey = beacon;
        peer.inboundKey = inbound;
        peer.lastBeacon = counter;
        // what the neighbour sealed for an earlier run of this node is refused: at most its floor
        peer.window = new ReplayWindow(sealFloor);
        return OfferVerdict.INSTALLED;
    }

    /** The next heartbeat: the beacon counter moves on by one. */
    public Heartbeat heartbeat() {
        if (beaconCounter == MAX_COUNTER) {
            startSession(session + 1);
        }
        beaconCounter++;
        return new Heartbeat((int) beaconTag(beaconKey, beaconCounter));
    }

    /**
     * The beacon counter {@code beat} authenticates for {@code neighbor}, one of the {@value
     * #BEACON_WINDOW} after the last verified; empty (and counted) if none matches, or if the
     * neighbour's heartbeat checks are used up (see {@link #BEAT_CHECK_BURST}).
     */
    public OptionalLong verify(NodeId neighbor, Heartbeat beat, long nowMillis) {
        PeerKeys peer = peers.get(neighbor);
        if (peer != null && peer.installed && checkAllowed(peer, nowMillis)) {
            for (long c = peer.lastBeacon + 1; c <= Math.min(MAX_COUNTER, peer.lastBeacon + BEACON_WINDOW); c++) {
                if (beaconTag(peer.beaconKey, c) == beat.tag()) {
                    peer.lastBeacon = c;
                    return OptionalLong.of(c);
                }
            }
        }
        beatsRefused++;
        return OptionalLong.empty();
    }

    private static boolean checkAllowed(PeerKeys peer, long nowMillis) {
        if (peer.beatChecks == null) {
            peer.beatChecks = new TokenBucket(BEAT_CHECK_BURST, BEAT_CHECKS_PER_SECOND, nowMillis);
        }
        return peer.beatChecks.tryTake(nowMillis);
    }

    /** {@code inner} sealed for {@code neighbor}; empty if its tunnel key is unknown. */
    public Optional<Sealed> seal(NodeId neighbor, byte[] inner) {
        PeerKeys peer = peers.get(neighbor);
        if (peer == null) {
            return Optional.empty();
        }
        if (sealCounter == MAX_COUNTER) {
            startSession(session + 1);
        }
        long counter = ++sealCounter;
        return Optional.of(new Sealed(counter, inner, sealTag(outboundKey(peer), counter, inner)));
    }

    /**
     * Opens {@code sealed} from {@code neighbor}: its inner frame if the tag verifies and it is
     * not a replay; anything else is counted as refused.
     */
    public Opened open(NodeId neighbor, Sealed sealed) {
        PeerKeys peer = peers.get(neighbor);
        Opened.Verdict verdict;
        if (peer == null || !peer.installed) {
            verdict = Opened.Verdict.NO_KEYS;
        } else if (!peer.window.wouldAccept(sealed.counter())) {
            verdict = Opened.Verdict.REPLAYED;
        } else if (sealTag(peer.inboundKey, sealed.counter(), sealed.inner()) != sealed.tag()) {
            verdict = Opened.Verdict.FORGED;
        } else {
            peer.window.accept(sealed.counter());
            return new Opened(Opened.Verdict.OPENED, Optional.of(sealed.inner()));
        }
        sealedRefused++;
        return new Opened(verdict, Optional.empty());
    }

    /** Counts a frame that must travel sealed and came bare. */
    public void countUnsealed() {
        unsealedRefused++;
    }

    /**
     * Whether this node may ask {@code neighbor} for its keys now (at most every {@value
     * #ASK_INTERVAL_MILLIS} ms); if so, that is recorded as an ask.
     */
    public boolean mayAsk(NodeId neighbor, long nowMillis) {
        PeerKeys peer = peers.get(neighbor);
        return peer != null && peer.asks.tryAt(nowMillis);
    }

    /** Whether this node may answer an ask of {@code neighbor} now (at most every {@value #ASK_INTERVAL_MILLIS} ms). */
    public boolean mayReply(NodeId neighbor, long nowMillis) {
        PeerKeys peer = peers.get(neighbor);
        return peer != null && peer.replies.tryAt(nowMillis);
    }

    /** The counters so far. */
    public LinkAuthCounters counters() {
        return new LinkAuthCounters(offersSent, offersInstalled, offersRefused, beatsRefused, sealedRefused,
                unsealedRefused, sessions);
    }

    /** Lets a test start near the end of the sealing counter's range. */
    void skipSealCounterTo(long counter) {
        sealCounter = counter;
    }

    private void startSession(long number) {
        session = number;
        secret = new byte[32];
        random.nextBytes(secret);
        beaconKey = beaconKey(secret);
        beaconCounter = 0;
        sealCounter = 0;
        peers.values().forEach(p -> {
            p.outboundKey = null;
            p.sealFloor = 0;
        });
        sessions++;
    }

    private byte[] outboundKey(PeerKeys peer) {
        if (peer.outboundKey == null) {
            peer.outboundKey = unicastKey(secret, peer.tunnelKey);
        }
        return peer.outboundKey;
    }

    /** The key a session with {@code secret} seals frames to the holder of {@code tunnelKey} with. */
    static byte[] unicastKey(byte[] secret, byte[] tunnelKey) {
        return Arrays.copyOf(LinkCrypto.hmac(secret, UNICAST_LABEL, tunnelKey), KEY_LENGTH);
    }

    /** The beacon key of a session with {@code secret}. */
    static byte[] beaconKey(byte[] secret) {
        return Arrays.copyOf(LinkCrypto.hmac(secret, BEACON_LABEL), KEY_LENGTH);
    }

    private long beaconTag(byte[] key, long counter) {
        return tagger.tag(key, Heartbeat.TAG_LENGTH, new byte[] {FrameType.HEARTBEAT.header()},
                ByteBuffer.allocate(4).putInt((int) counter).array());
    }

    private long sealTag(byte[] key, long counter, byte[] inner) {
        return tagger.tag(key, Sealed.TAG_LENGTH, Sealed.covered(counter, inner));
    }

    /** What an offer's GCM tag covers besides the ciphertext: its header, then the sender's and the receiver's tunnel keys. */
    private static byte[] offerAad(byte[] header, byte[] senderKey, byte[] receiverKey) {
        return LinkCrypto.concat(header, senderKey, receiverKey);
    }
}
