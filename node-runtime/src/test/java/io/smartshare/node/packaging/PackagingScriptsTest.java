package io.smartshare.node.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shell the packages run, checked by shellcheck (scripts/test installs it): the launcher,
 * the .deb's maintainer scripts, OpenWrt's procd init script, the liveness check and the
 * image scripts; and the init script reads only options its UCI config defines.
 */
class PackagingScriptsTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void shellcheckFindsNothingInThePackagesScripts() throws Exception {
        List<String> command = new ArrayList<>(List.of("shellcheck"));
        for (String script : List.of("bin/smartshare-node", "packaging/deb/control/postinst",
                "packaging/deb/control/prerm", "packaging/deb/control/postrm", "packaging/openwrt/smartshare-node.init",
                "packaging/smartshare-node-liveness", "scripts/build-image", "scripts/lib/arm-sysroot")) {
            command.add(ROOT.resolve(script).toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void theOpenWrtInitScriptReadsOnlyOptionsItsUciConfigDefines() throws Exception {
        String init = Files.readString(ROOT.resolve("packaging/openwrt/smartshare-node.init"));
        String uci = Files.readString(ROOT.resolve("packaging/openwrt/smartshare.uci"));
        assertTrue(uci.contains("config smartshare 'main'"), uci);
        Matcher read = Pattern.compile("config_get \\w+ main (\\w+)").matcher(init);
        int options = 0;
        while (read.find()) {
            assertTrue(uci.contains("option " + read.group(1) + " "), "smartshare.uci defines " + read.group(1));
            options++;
        }
        assertEquals(5, options, "board, data_dir, config, java, uplink_kbps");
    }
}
