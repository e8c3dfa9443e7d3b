package io.smartshare.node.config;

import static io.smartshare.node.testing.SeededIdentities.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.Tolerance;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.hal.config.ConfigException;
import io.smartshare.ledger.identity.NodeIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewardsConfigReaderTest {
    private static final NodeIdentity ISSUER = identity(0x09);
    private static final RewardSchedule SCHEDULE = new RewardSchedule(3, 5, 500_000,
            Map.of(Resource.RELAY_UP, new RateTerms(2000, 1_000_000, 300_000)));

    @TempDir
    Path dir;

    /** The rewards section of an operator config file, as the rewards service reads it. */
    private RewardsConfig read(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("node.yaml"), yaml);
        return NodeConfigReader.read(file).section("rewards").map(RewardsConfigReader::read)
                .orElseGet(RewardsConfig::defaults);
    }

    private String trusting(String scheduleFile) {
        return "rewards:\n  trusted-issuers:\n    - " + HexFormat.of().formatHex(ISSUER.publicKey().encoded())
                + "\n  schedule: " + scheduleFile + "\n  receipt-interval-seconds: 5\n";
    }

    @Test
    void readsTrustedIssuersAndVerifiesTheScheduleNextToTheFile() throws Exception {
        Files.write(dir.resolve("schedule.cose"), SCHEDULE.sign(ISSUER));

        RewardsConfig rewards = read(trusting("schedule.cose"));

        assertEquals(1, rewards.trustedIssuers().size());
        assertEquals(SCHEDULE, rewards.schedule().orElseThrow().schedule());
        assertEquals(5, rewards.receiptIntervalSeconds());
    }

    @Test
    void noSectionMeansNoScheduleAndReceiptsEveryMinute() throws Exception {
        assertEquals(RewardsConfig.defaults(), read("settings: {}\n"));
    }

    @Test
    void scheduleSignedByAnUntrustedKeyStopsTheNodeNamingFileLineAndKey() throws Exception {
        Files.write(dir.resolve("schedule.cose"), SCHEDULE.sign(identity(0x0d)));

        ConfigException error = assertThrows(ConfigException.class, () -> read(trusting("schedule.cose")));

        assertEquals(4, error.line());
        assertEquals("rewards.schedule", error.key());
        assertTrue(error.getMessage().contains("UNTRUSTED_ISSUER"), error.getMessage());
    }

    @Test
    void alteredScheduleIsRejectedAsBadSignature() throws Exception {
        byte[] signed = SCHEDULE.sign(ISSUER);
        signed[signed.length - 1] ^= 1;
        Files.write(dir.resolve("schedule.cose"), signed);

        ConfigException error = assertThrows(ConfigException.class, () -> read(trusting("schedule.cose")));

        assertTrue(error.getMessage().contains("BAD_SIGNATURE"), error.getMessage());
    }

    @Test
    void toleranceIsSetPerResourceAndTheRestKeepTheDefault() throws Exception {
        RewardsConfig rewards = read("rewards:\n  tolerance:\n    cpu: {slack: 1000}\n"
                + "    relay.up: {basis-points: 50, slack: 0}\n");

        assertEquals(new Tolerance(200, 1000), rewards.tolerances().get(Resource.CPU));
        assertEquals(new Tolerance(50, 0), rewards.tolerances().get(Resource.RELAY_UP));
        assertEquals(Tolerance.DEFAULT, rewards.tolerances().get(Resource.STORAGE));
    }

    @Test
    void theRelayPriceIsReadAndOneAHelloCannotCarryIsNamed() throws Exception {
        assertEquals(0, RewardsConfig.defaults().relayPrice());
        assertEquals(2_500, read("rewards:\n  relay-price-per-mb: 2500\n").relayPrice());
        ConfigException error = assertThrows(ConfigException.class,
                () -> read("rewards:\n  relay-price-per-mb: 4294967296\n"));
        assertEquals("rewards.relay-price-per-mb", error.key());
    }

    @Test
    void toleranceForAnUnknownResourceIsNamed() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> read("rewards:\n  tolerance:\n    disk: {slack: 1}\n"));

        assertEquals(3, error.line());
        assertEquals("rewards.tolerance.disk", error.key());
    }

    @Test
    void issuerThatIsNotAKeyIsNamed() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> read("rewards:\n  trusted-issuers: [abc]\n"));

        assertEquals("rewards.trusted-issuers", error.key());
        assertTrue(error.getMessage().contains("'abc'"), error.getMessage());
    }
}
