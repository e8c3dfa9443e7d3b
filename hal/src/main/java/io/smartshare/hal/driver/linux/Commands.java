package io.smartshare.hal.driver.linux;

import io.smartshare.hal.dataplane.DataPlaneException;
import java.util.List;

/**
 * Runs external commands for the {@code linux} driver: one program and its arguments as a
 * list, never through a shell. Implemented by {@link SystemCommands}; tests give their own.
 */
@FunctionalInterface
public interface Commands {
    /**
     * Runs {@code command} with {@code stdin} on its standard input and waits for it.
     *
     * @throws DataPlaneException if it cannot be started or does not finish in time
     */
    Result run(List<String> command, byte[] stdin) throws DataPlaneException;

    /**
     * How a command ended.
     *
     * @param exitCode its exit code
     * @param stdout what it wrote on standard output
     * @param stderr what it wrote on standard error
     */
    record Result(int exitCode, String stdout, String stderr) {
        /** Whether it exited 0. */
        public boolean ok() {
            return exitCode == 0;
        }
    }
}
