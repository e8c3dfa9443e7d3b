package io.smartshare.node.mesh.hello;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.node.mesh.LinkAddress;
import io.smartshare.node.mesh.wire.Hello;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits received hellos: rate limit per sending address first (cheapest, and it bounds the
 * signature checks an attacker can cause), then the replay check against the last sequence
 * accepted from the key, then the signature. Counts every outcome. Remembers at most {@code
 * capacity} addresses and keys (least recently used forgotten first). Not thread-safe.
 */
public final class HelloGate {
    private static final Logger LOG = LoggerFactory.getLogger(HelloGate.class);

    private final HelloVerifier verifier;
    private final int burst;
    private final double perSecond;
    private final Map<LinkAddress, TokenBucket> buckets;
    private final Map<Ed25519PublicKey, Long> lastSequence;
    private long accepted;
    private long badSignature;
    private long replayed;
    private long rateLimited;
    private long malformed;

    public HelloGate(HelloVerifier verifier, int burst, double perSecond, int capacity) {
        this.verifier = verifier;
        this.burst = burst;
        this.perSecond = perSecond;
        this.buckets = lru(capacity);
        this.lastSequence = lru(capacity);
    }

    /** Decides about {@code hello} received from {@code from}; only ACCEPTED may change state. */
    public HelloVerdict admit(LinkAddress from, Hello hello, long nowMillis) {
        HelloVerdict verdict = check(from, hello, nowMillis);
        switch (verdict) {
            case ACCEPTED -> accepted++;
            case BAD_SIGNATURE -> badSignature++;
            case REPLAYED -> replayed++;
            case RATE_LIMITED -> rateLimited++;
        }
        if (verdict != HelloVerdict.ACCEPTED) {
            LOG.debug("event=hello_dropped reason={} from={} claimed={} sequence={}", verdict, from,
                    hello.sender(), Long.toUnsignedString(hello.sequence()));
        }
        return verdict;
    }

    private HelloVerdict check(LinkAddress from, Hello hello, long nowMillis) {
        if (!buckets.computeIfAbsent(from, a -> new TokenBucket(burst, perSecond, nowMillis)).tryTake(nowMillis)) {
            return HelloVerdict.RATE_LIMITED;
        }
        Long last = lastSequence.get(hello.publicKey());
        if (last != null && Long.compareUnsigned(hello.sequence(), last) <= 0) {
            return HelloVerdict.REPLAYED;
        }
        if (!verifier.verify(hello)) {
            return HelloVerdict.BAD_SIGNATURE;
        }
        lastSequence.put(hello.publicKey(), hello.sequence());
        return HelloVerdict.ACCEPTED;
    }

    /** Counts a datagram that did not decode. */
    public void countMalformed() {
        malformed++;
    }

    /** The counters so far. */
    public HelloCounters counters() {
        return new HelloCounters(accepted, badSignature, replayed, rateLimited, malformed);
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
