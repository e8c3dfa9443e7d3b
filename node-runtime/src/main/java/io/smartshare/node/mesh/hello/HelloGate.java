package io.smartshare.node.mesh.hello;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.node.mesh.clock.TokenBucket;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.link.Medium;
import io.smartshare.node.mesh.wire.Hello;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits received hellos: rate limit per sending address first (cheapest), then the replay
 * check against the last hello accepted from the key, then the node-wide signature budget,
 * then the signature. A node with several transports sends each hello over all of them: a
 * byte-identical copy of the last accepted hello heard over a medium it was not yet heard
 * over is a sighting (no signature check needed, it is the verified one); any other copy is a
 * replay. Counts every outcome.
 *
 * <p>Bounds against floods from fresh addresses (every new source port would otherwise buy
 * another signature check): signature checks share two node-wide budgets, one for keys the
 * gate has accepted before ({@value #KNOWN_BURST}, {@value #KNOWN_PER_SECOND}/s) and one for
 * new keys, which is also the admission rate of new identities ({@value #NEW_BURST}, {@value
 * #NEW_PER_SECOND}/s); a hello over either budget is dropped as rate-limited. At about 0.3 ms
 * a check (Bouncy Castle, C1 only) that is at most 1 % of a core whatever arrives.
 *
 * <p>Remembers at most {@code capacity} addresses and keys, least recently used forgotten
 * first, except that the last hello of a key {@code pinned} says is a current neighbour is
 * never forgotten: a flood of fresh keys cannot flush a neighbour's replay protection. Not
 * thread-safe.
 */
public final class HelloGate {
    private static final Logger LOG = LoggerFactory.getLogger(HelloGate.class);

    private final HelloVerifier verifier;
    private final int burst;
    private final double perSecond;
    private final Map<LinkAddress, TokenBucket> buckets;
    private final Map<Ed25519PublicKey, LastAccepted> lastAccepted;
    private final int capacity;
    private final Predicate<Ed25519PublicKey> pinned;
    private final TokenBucket knownChecks;
    private final TokenBucket newChecks;
    private long accepted;
    private long sighted;
    private long badSignature;
    private long replayed;
    private long rateLimited;
    private long malformed;

    /** Signature checks of hellos from keys accepted before: burst. */
    public static final int KNOWN_BURST = 32;
    /** Signature checks of hellos from keys accepted before: per second. */
    public static final int KNOWN_PER_SECOND = 16;
    /** Signature checks of hellos from new keys (admissions of new identities): burst. */
    public static final int NEW_BURST = 8;
    /** Signature checks of hellos from new keys (admissions of new identities): per second. */
    public static final int NEW_PER_SECOND = 2;

    /**
     * @param burst per-address hello burst
     * @param perSecond per-address hello rate
     * @param capacity addresses and keys remembered
     * @param pinned keys whose last hello is never forgotten (the neighbour table's)
     * @param nowMillis the clock's reading now, for the node-wide budgets
     */
    public HelloGate(HelloVerifier verifier, int burst, double perSecond, int capacity,
            Predicate<Ed25519PublicKey> pinned, long nowMillis) {
        this.verifier = verifier;
        this.burst = burst;
        this.perSecond = perSecond;
        this.capacity = capacity;
        this.pinned = pinned;
        this.buckets = lru(capacity);
        this.lastAccepted = new LinkedHashMap<>(16, 0.75f, true);
        this.knownChecks = new TokenBucket(KNOWN_BURST, KNOWN_PER_SECOND, nowMillis);
        this.newChecks = new TokenBucket(NEW_BURST, NEW_PER_SECOND, nowMillis);
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
        if (!(last != null ? knownChecks : newChecks).tryTake(nowMillis)) {
            return HelloVerdict.RATE_LIMITED;
        }
        if (!verifier.verify(hello)) {
            return HelloVerdict.BAD_SIGNATURE;
        }
        lastAccepted.put(hello.publicKey(), new LastAccepted(hello, from.medium()));
        forgetBeyondCapacity();
        return HelloVerdict.ACCEPTED;
    }

    /** Forgets least recently used keys beyond the capacity, never a pinned one. */
    private void forgetBeyondCapacity() {
        Iterator<Ed25519PublicKey> oldestFirst = lastAccepted.keySet().iterator();
        int excess = lastAccepted.size() - capacity;
        while (excess > 0 && oldestFirst.hasNext()) {
            if (!pinned.test(oldestFirst.next())) {
                oldestFirst.remove();
                excess--;
            }
        }
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
