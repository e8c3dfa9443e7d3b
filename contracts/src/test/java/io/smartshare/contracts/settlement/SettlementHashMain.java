package io.smartshare.contracts.settlement;

import io.smartshare.contracts.schedule.ScheduleFixtures;
import java.util.HexFormat;

/**
 * Run in a separate JVM by {@link SettlementDeterminismIT}: settles worked example 2 with
 * its inputs shuffled by the seed given as the only argument, and prints the settlement
 * hash in hex.
 */
public final class SettlementHashMain {
    private SettlementHashMain() {
    }

    public static void main(String[] args) {
        SettlementResult result = Settlement.settle(ScheduleFixtures.verifiedExample(500_000),
                ExampleEpoch.shuffled(Long.parseLong(args[0])));
        System.out.println(HexFormat.of().formatHex(result.hash()));
    }
}
