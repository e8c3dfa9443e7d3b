package io.smartshare.contracts.channel;

import static io.smartshare.contracts.Fixtures.identity;

import io.smartshare.ledger.identity.NodeIdentity;

/** The channel of worked example 2 of docs/contracts.md: A pays C, deposit 50 000, zero nonce. */
public final class ChannelFixtures {
    public static final NodeIdentity PAYER = identity(0x0a);
    public static final NodeIdentity PAYEE = identity(0x0c);

    private ChannelFixtures() {
    }

    public static ChannelOpen exampleOpen() {
        ChannelTerms terms = new ChannelTerms(PAYER.publicKey(), PAYEE.publicKey(), 50_000, new byte[16]);
        return ChannelOpen.accept(ChannelOpen.propose(terms, PAYER), PAYEE).orElseThrow();
    }

    /** A proof the payer signs on {@code open} for cumulative {@code paid}, unchecked against the deposit. */
    public static BalanceProof proof(ChannelOpen open, long paid) {
        return BalanceProof.sign(open.id(), paid, PAYER);
    }
}
