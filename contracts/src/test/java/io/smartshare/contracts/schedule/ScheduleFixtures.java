package io.smartshare.contracts.schedule;

import static io.smartshare.contracts.Fixtures.identity;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.ledger.identity.NodeIdentity;
import java.util.Map;
import java.util.Set;

/** The schedule of worked example 2 of docs/contracts.md, signed by issuer seed 0x09. */
public final class ScheduleFixtures {
    public static final NodeIdentity ISSUER = identity(0x09);

    private ScheduleFixtures() {
    }

    /** The example schedule with pool {@code pool}. */
    public static RewardSchedule exampleSchedule(long pool) {
        RateTerms relay = new RateTerms(2000, 1_000_000, 300_000);
        return new RewardSchedule(3, 5, pool, Map.of(Resource.RELAY_UP, relay, Resource.RELAY_DOWN, relay,
                Resource.STORAGE, new RateTerms(5, 1000, 100_000), Resource.CPU, new RateTerms(30, 1000, 100_000)));
    }

    /** The example schedule as verified by a node trusting the issuer. */
    public static VerifiedSchedule verifiedExample(long pool) {
        return new ScheduleVerifier(Set.of(ISSUER.publicKey())).verify(exampleSchedule(pool).sign(ISSUER)).orElseThrow();
    }
}
