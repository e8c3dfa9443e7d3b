package io.smartshare.contracts.settlement;

import static io.smartshare.contracts.Fixtures.filled;
import static io.smartshare.contracts.Fixtures.identity;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.channel.ChannelClose;
import io.smartshare.contracts.channel.ChannelOpen;
import io.smartshare.contracts.channel.ChannelFixtures;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.ledger.identity.NodeIdentity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** The inputs of worked example 2 of docs/contracts.md §9, built from the documented seeds. */
public final class ExampleEpoch {
    public static final NodeIdentity A = identity(0x0a);
    public static final NodeIdentity B = identity(0x0b);
    public static final NodeIdentity C = identity(0x0c);
    public static final NodeIdentity D = identity(0x0d);
    public static final NodeIdentity E = identity(0x0e);
    public static final long EPOCH = 7;

    private ExampleEpoch() {
    }

    public static List<MemberCheckpoint> checkpoints() {
        return List.of(member(A, 120, 0xa1), member(B, 80, 0xa2), member(C, 45, 0xa3), member(D, 30, 0xa4));
    }

    private static MemberCheckpoint member(NodeIdentity node, long size, int root) {
        return new MemberCheckpoint(node.publicKey(), CheckpointRef.of(size, filled(root, 32)));
    }

    public static List<Mark> previousMarks() {
        return List.of(new Mark(A.publicKey(), B.publicKey(), Resource.RELAY_DOWN, 50_000_000));
    }

    /** Receipt {@code index} of the example: {@code provider <- consumer}, signed by the consumer. */
    public static SignedReceipt receipt(int index, NodeIdentity provider, NodeIdentity consumer, Resource resource,
            long amount) {
        ReceiptClaim claim = new ReceiptClaim(provider.publicKey(), consumer.publicKey(), resource, amount,
                index * 1000L, index * 1000L + 1000, filled(index, 16), CheckpointRef.of(index, filled(index, 32)));
        return SignedReceipt.sign(claim, consumer);
    }

    /** Receipts 1 to 10 of the example table, and a forged one. */
    public static List<SignedReceipt> receipts() {
        byte[] forged = receipt(11, A, C, Resource.CPU, 5_000_000).encode();
        forged[forged.length - 1] ^= 1;
        return List.of(
                receipt(1, A, B, Resource.RELAY_DOWN, 100_000_000),
                receipt(2, A, B, Resource.RELAY_DOWN, 250_000_000),
                receipt(3, A, C, Resource.RELAY_UP, 120_000_000),
                receipt(4, A, B, Resource.RELAY_UP, 35_500_000),
                receipt(5, B, A, Resource.RELAY_DOWN, 90_000_000),
                receipt(6, B, C, Resource.CPU, 1_234_567),
                receipt(7, C, D, Resource.STORAGE, 3_333_333),
                receipt(8, D, D, Resource.RELAY_UP, 900_000_000),
                receipt(9, D, E, Resource.RELAY_DOWN, 500_000_000),
                receipt(10, E, A, Resource.RELAY_UP, 10_000_000),
                SignedReceipt.decode(forged));
    }

    /** C's unilateral close with the 25 000 proof, and A's with its stale 10 000 one. */
    public static List<ChannelClose> channelCloses() {
        ChannelOpen open = ChannelFixtures.exampleOpen();
        return List.of(new ChannelClose.Unilateral(open, Optional.of(ChannelFixtures.proof(open, 25_000))),
                new ChannelClose.Unilateral(open, Optional.of(ChannelFixtures.proof(open, 10_000))));
    }

    public static EpochInputs inputs() {
        return new EpochInputs(EPOCH, checkpoints(), receipts(), previousMarks(), channelCloses());
    }

    /** The example's inputs with every list shuffled by {@code seed} and receipts repeated. */
    public static EpochInputs shuffled(long seed) {
        Random random = new Random(seed);
        List<SignedReceipt> receipts = new ArrayList<>(receipts());
        receipts.addAll(receipts().subList(0, 3));
        return new EpochInputs(EPOCH, shuffle(checkpoints(), random), shuffle(receipts, random),
                shuffle(previousMarks(), random), shuffle(channelCloses(), random));
    }

    private static <T> List<T> shuffle(List<T> items, Random random) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }
}
