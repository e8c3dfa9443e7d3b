package io.smartshare.contracts.settlement;

import static io.smartshare.contracts.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.contracts.schedule.ScheduleFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same inputs give the same settlement bytes in a separate JVM, in any input order. */
class SettlementDeterminismIT {

    static String hashInChildJvm(long seed) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                SettlementHashMain.class.getName(), Long.toString(seed)))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!child.waitFor(5, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("child JVM did not exit");
        }
        assertEquals(0, child.exitValue(), "child JVM exit status");
        return out;
    }

    @Test
    void childJvmWithShuffledInputsComputesTheInProcessAndDocumentedHash() throws Exception {
        String inProcess = hex(Settlement.settle(ScheduleFixtures.verifiedExample(500_000), ExampleEpoch.inputs()).hash());
        assertEquals(WorkedExamplesTest.EXAMPLE_2_HASH, inProcess);
        assertEquals(inProcess, hashInChildJvm(1));
        assertEquals(inProcess, hashInChildJvm(20_261_122));
    }
}
