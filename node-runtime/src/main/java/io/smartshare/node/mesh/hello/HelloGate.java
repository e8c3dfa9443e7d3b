package io.smartshare.node.mesh.hello;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.node.mesh.LinkAddress;
import io.smartshare.node.mesh.Medium;
import io.smartshare.node.mesh.wire.Hello;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits received hellos: rate limit per sending address first (cheapest, and it bounds the
 * signature checks an attacker can cause), then the replay check against the last hello
 * accepted from the key, then the signature. A node with several transports sends each hello
 * over all of them: a byte-identical copy of the last accepted hello heard over a medium it
 * was not yet heard over is a sighting (no signature check needed, it is the verified one);
 * any other copy is a replay. Counts every outcome. Remembers at most {@code capacity}
 * addresses and keys (least recently used forgotten first). Not thread-safe.
 */
public final class HelloGate {
    private static final Logger LOG = LoggerFactory.getLogger(HelloGate.class);

    private final HelloVerifier verifier;
    private final int burst;
    private final double perSecond;
    private final Map<LinkAddress, TokenBucket> buckets;
    private final Map<Ed25519PublicKey, LastAccepted> lastAccepted;
    private long accepted;
    private long sighted;
    private long badSignature;
    private long replayed;
    private long rateLimited;
    private long malformed;

    public HelloGate(HelloVerifier verifier, int burst, double perSecond, int capacity) {
        this.verifier = verifier;
        this.burst = burst;
        this.perSecond = perSecond;
        this.buckets = lru(capacity);
        this.lastAccepted = lru(capacity);
    }

    /** Decides about {@code hello} received from {@code from}; only ACCEPTED may change state. */
    public HelloVerdict admit(LinkAddress from, Hello hello, long nowMillis) {
        HelloVerdict verdict = check(from, hello, nowMillis);
        switch (verdict) {
            case ACCEPTED -> accepted++;
            case SIGHTED -> sighted++;
            case BAD_SIGNATURE -> badSignature++;
            case REPLAYED -> replayed++;
            case RATE_LIMITED -> rateLimited++;
        }
        if (verdict != HelloVerdict.ACCEPTED && verdict != HelloVerdict.SIGHTED) {
            LOG.debug("event=hello_dropped reason={} from={} claimed={} sequence={}", verdict, from,
                    hello.sender(), Long.toUnsignedString(hello.sequence()));
        }
        return verdict;
    }

    private HelloVerdict check(LinkAddress from, Hello hello, long nowMillis) {
        if (!buckets.computeIfAbsent(from, a -> new TokenBucket(burst, perSecond, nowMillis)).tryTake(nowMillis)) {
            return HelloVerdict.RATE_LIMITED;
        }
        LastAccepted last = lastAccepted.get(hello.publicKey());
        if (last != null && Long.compareUnsigned(hello.sequence(), last.hello.sequence()) <= 0) {
            return last.hello.equals(hello) && last.media.add(from.medium()) ? HelloVerdict.SIGHTED : HelloVerdict.REPLAYED;
        }
        if (!verifier.verify(hello)) {
            return HelloVerdict.BAD_SIGNATURE;
        }
        lastAccepted.put(hello.publicKey(), new LastAccepted(hello, from.medium()));
        return HelloVerdict.ACCEPTED;
    }

    /** Counts a datagram that did not decode. */
    public void countMalformed() {
        malformed++;
    }

    /** The counters so far. */
    public HelloCounters counters() {
        return new HelloCounters(accepted, sighted, badSignature, replayed, rateLimited, malformed);
    }

    /** The last hello accepted from one key and the media it has been heard over. */
    private static final class LastAccepted {
        final Hello hello;
        final Set<Medium> media = EnumSet.noneOf(Medium.class);

        LastAccepted(Hello hello, Medium medium) {
            this.hello = hello;
            media.add(medium);
        }
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
