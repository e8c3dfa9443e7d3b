package io.smartshare.hal.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.smartshare.hal.board.BoardFiles;
import java.nio.charset.StandardCharsets;

/**
 * Board files and operator configs, whatever their text, load or fail with a {@link
 * ConfigException} naming file, line and key: never another exception, a hang or an
 * allocation out of proportion to the input (YAML aliases included). Regression inputs in
 * {@code mvn verify}; {@code scripts/fuzz} fuzzes them.
 */
class ConfigFilesFuzzTest {
    @FuzzTest
    void yaml(byte[] bytes) {
        try {
            ConfigMap.parse("fuzz.yaml", new String(bytes, StandardCharsets.UTF_8));
        } catch (ConfigException expected) {
            // documented refusal
        }
    }

    @FuzzTest
    void boardFile(byte[] bytes) {
        try {
            BoardFiles.parse("fuzz.yaml", new String(bytes, StandardCharsets.UTF_8));
        } catch (ConfigException expected) {
            // documented refusal
        }
    }
}
