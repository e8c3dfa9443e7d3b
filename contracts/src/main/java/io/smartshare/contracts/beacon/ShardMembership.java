package io.smartshare.contracts.beacon;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.KeyOrder;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A shard (docs/beacon.md §2): its members, signed by an issuer the operator config trusts,
 * and the clock of its epochs. An epoch is {@code floor(unix seconds / epochSeconds)}; when it
 * ends, the members in {@link #order(long)} take turns to close it as its beacon, the next one
 * {@code takeoverSeconds} after the one before, until one beacon checkpoint is cosigned by
 * {@code quorum} members. Immutable.
 *
 * @param shardId the shard's name, {@code [a-z0-9-]}, 1 to 32 characters
 * @param version the membership's version (a new member list is a new version)
 * @param members the members' keys, sorted, distinct, 1 to {@link #MAX_MEMBERS}
 * @param quorum cosignatures by members a beacon checkpoint needs, 1 to the member count and {@link #MAX_QUORUM}
 * @param epochSeconds the length of an epoch, at least 1
 * @param takeoverSeconds how long each candidate beacon has before the next one takes over, at least 1
 */
public record ShardMembership(String shardId, long version, List<Ed25519PublicKey> members, int quorum,
        long epochSeconds, long takeoverSeconds) {
    public static final int MAX_MEMBERS = 4096;
    /**
     * The largest quorum: a beacon checkpoint carries the quorum's cosignatures (about 130
     * bytes each) in a note of at most 8 KiB ({@code SignedCheckpoint.MAX_LENGTH}).
     */
    public static final int MAX_QUORUM = 48;
    private static final String DOCUMENT = "shard membership";

    public ShardMembership {
        List<Ed25519PublicKey> sorted = new ArrayList<>(members);
        sorted.sort(KeyOrder.KEYS);
        members = List.copyOf(sorted);
        if (!shardId.matches("[a-z0-9-]{1,32}")) {
            throw new ContractException(DOCUMENT + ": shard id must be 1 to 32 of [a-z0-9-], found '" + shardId + "'");
        }
        if (members.isEmpty() || members.size() > MAX_MEMBERS || new HashSet<>(members).size() != members.size()) {
            throw new ContractException(DOCUMENT + ": 1 to " + MAX_MEMBERS + " distinct members, found " + members.size());
        }
        if (quorum < 1 || quorum > members.size() || quorum > MAX_QUORUM || version < 0 || epochSeconds < 1
                || takeoverSeconds < 1) {
            throw new ContractException(DOCUMENT + ": need 1 <= quorum <= members and " + MAX_QUORUM
                    + ", version >= 0, epoch and takeover"
                    + " seconds >= 1; found quorum " + quorum + ", version " + version + ", " + epochSeconds + " s, "
                    + takeoverSeconds + " s");
        }
    }

    /** The epoch that Unix time {@code millis} falls in. */
    public long epochAt(long millis) {
        return Math.floorDiv(millis, epochSeconds * 1000);
    }

    /** When epoch {@code epoch} ends (and the next begins), Unix ms. */
    public long endMillis(long epoch) {
        return Math.multiplyExact(epoch + 1, epochSeconds * 1000);
    }

    /** Whether {@code key} is a member. */
    public boolean isMember(Ed25519PublicKey key) {
        return members.contains(key);
    }

    /**
     * The order in which members close epoch {@code epoch} as its beacon: by {@code SHA-256(epoch
     * as 8 bytes big-endian || member key)}, the lowest first (ties, which SHA-256 makes
     * unheard of, by key). Anyone with the membership computes the same order.
     */
    public List<Ed25519PublicKey> order(long epoch) {
        List<Ed25519PublicKey> order = new ArrayList<>(members);
        order.sort(Comparator.comparing((Ed25519PublicKey k) -> rank(epoch, k), Arrays::compareUnsigned)
                .thenComparing(KeyOrder.KEYS));
        return order;
    }

    static byte[] rank(long epoch, Ed25519PublicKey key) {
        return Sha256.of(ByteBuffer.allocate(8 + Ed25519PublicKey.LENGTH).putLong(epoch).put(key.encoded()).array());
    }

    /** The deterministic CBOR payload. */
    public byte[] encode() {
        return Cbor.encode(CborMap.builder()
                .put(0, 1)
                .put(1, new CborValue.Text(shardId))
                .put(2, version)
                .put(3, new CborValue.Array(members.stream().map(k -> (CborValue) new CborValue.Bytes(k.encoded()))
                        .toList()))
                .put(4, quorum)
                .put(5, epochSeconds)
                .put(6, takeoverSeconds)
                .build());
    }

    /** The membership's id: SHA-256 of {@link #encode()}. */
    public byte[] id() {
        return Sha256.of(encode());
    }

    /** The COSE_Sign1 bytes of this membership signed by {@code issuer}, as given to nodes. */
    public byte[] sign(NodeIdentity issuer) {
        return CoseSign1.sign(Domain.SHARD, encode(), issuer).encode();
    }

    /**
     * Verifies a signed membership (COSE_Sign1 bytes, from a file) against the issuer keys the
     * operator config trusts, as a reward schedule is (docs/contracts.md §7).
     */
    public static Outcome<ShardMembership, BeaconRejection> verify(byte[] signed, Set<Ed25519PublicKey> trusted) {
        try {
            CoseSign1 cose = CoseSign1.decode(Domain.SHARD, signed);
            Optional<Ed25519PublicKey> issuer = trusted.stream().filter(cose::kidNames).findFirst();
            if (issuer.isEmpty()) {
                return Outcome.rejected(BeaconRejection.UNTRUSTED_ISSUER, DOCUMENT + ": signer in " + cose
                        + " is none of the " + trusted.size() + " trusted issuer keys");
            }
            if (!cose.verifiedBy(issuer.get())) {
                return Outcome.rejected(BeaconRejection.BAD_SIGNATURE, DOCUMENT + ": not signed by issuer "
                        + issuer.get());
            }
            return Outcome.accepted(decode(cose.payload()));
        } catch (ContractException e) {
            return Outcome.rejected(BeaconRejection.MALFORMED, e.getMessage());
        }
    }

    /**
     * Reads a payload.
     *
     * @throws ContractException naming the field at fault
     */
    public static ShardMembership decode(byte[] payload) {
        CborFields f = CborFields.of(CborFields.decode(payload, DOCUMENT), DOCUMENT, 7);
        f.requireUint(0, "format", 1);
        if (!(f.value(3) instanceof CborValue.Array keys) || keys.items().size() > MAX_MEMBERS) {
            throw new ContractException(DOCUMENT + ": field 3 (members): expected an array of at most " + MAX_MEMBERS
                    + " keys");
        }
        List<Ed25519PublicKey> members = new ArrayList<>();
        for (CborValue k : keys.items()) {
            if (!(k instanceof CborValue.Bytes b) || b.length() != Ed25519PublicKey.LENGTH) {
                throw new ContractException(DOCUMENT + ": field 3 (members): expected 32-byte keys, found " + k);
            }
            members.add(Beacons.key(b.value(), DOCUMENT));
        }
        long quorum = f.uint(4, "quorum");
        if (quorum > MAX_MEMBERS) {
            throw new ContractException(DOCUMENT + ": field 4 (quorum): at most " + MAX_MEMBERS);
        }
        return new ShardMembership(f.text(1, "shard id", 32), f.uint(2, "version"), members, (int) quorum,
                f.uint(5, "epoch seconds"), f.uint(6, "takeover seconds"));
    }
}
