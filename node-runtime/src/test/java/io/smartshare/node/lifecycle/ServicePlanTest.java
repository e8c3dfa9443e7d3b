package io.smartshare.node.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.board.BoardFiles;
import io.smartshare.hal.config.ConfigException;
import io.smartshare.hal.config.ConfigMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServicePlanTest {
    private static final RunOptions OPTIONS = new RunOptions("sim", Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());

    /** A service that reads one optional key {@code size}, and runs unless told {@code off}. */
    private record Fake(String name, Set<String> needs, Set<String> after, Optional<String> off) implements NodeService {
        Fake(String name) {
            this(name, Set.of(), Set.of(), Optional.empty());
        }

        @Override
        public Activation configure(ServiceConfig config) {
            config.section().optionalInteger("size", 0, 10);
            return off.map(Activation::off).orElseGet(Activation::run);
        }

        @Override
        public void start(NodeContext context) {
        }

        @Override
        public void stop() {
        }
    }

    private static ServicePlan plan(List<NodeService> services, String yaml) {
        ConfigMap root = ConfigMap.parse("node.yaml", yaml);
        Map<String, ConfigMap> sections = new LinkedHashMap<>();
        root.keys().forEach(key -> sections.put(key, root.map(key)));
        return ServicePlan.configure(services, sections, Set.of("coap", "settings"), BoardFiles.resolve("sim"), OPTIONS,
                new CoapRequests());
    }

    private static List<String> names(ServicePlan plan) {
        return plan.order().stream().map(NodeService::name).toList();
    }

    @Test
    void startsEachServiceAfterWhatItNeedsOrFollows() {
        ServicePlan plan = plan(List.of(new Fake("rewards", Set.of(), Set.of("mesh"), Optional.empty()),
                new Fake("uplink", Set.of("mesh"), Set.of(), Optional.empty()), new Fake("mesh")), "{}");
        assertEquals(List.of("mesh", "rewards", "uplink"), names(plan));
    }

    @Test
    void aServiceWhoseNeedDoesNotRunDoesNotRunEitherAndSaysWhy() {
        ServicePlan plan = plan(List.of(new Fake("mesh", Set.of(), Set.of(), Optional.of("the board has no mesh")),
                new Fake("uplink", Set.of("mesh"), Set.of(), Optional.empty()),
                new Fake("rewards", Set.of(), Set.of("mesh"), Optional.empty())), "{}");
        assertEquals(List.of("rewards"), names(plan));
        assertEquals("needs the mesh service, which does not run (the board has no mesh)", plan.off().get("uplink"));
    }

    @Test
    void aSectionCanTurnItsServiceOff() {
        ServicePlan plan = plan(List.of(new Fake("mesh")), "mesh:\n  enabled: false\n");
        assertEquals(List.of(), names(plan));
        assertEquals("turned off by mesh.enabled in node.yaml", plan.off().get("mesh"));
    }

    @Test
    void anUnknownSectionIsRefusedNamingTheSectionsThatExist() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> plan(List.of(new Fake("mesh"), new Fake("rewards")), "mesh: {}\nmqqt:\n  host: x\n"));
        assertEquals("node.yaml:2: mqqt: unknown section; the sections are coap, mesh, rewards, settings",
                error.getMessage());
    }

    @Test
    void aKeyTheServiceDidNotReadIsRefusedWithFileLineAndKey() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> plan(List.of(new Fake("mesh")), "mesh:\n  size: 3\n  sise: 4\n"));
        assertEquals("node.yaml:3: mesh.sise: unknown key (did you mean 'size'?)", error.getMessage());
    }

    @Test
    void servicesThatWaitForEachOtherAreAProgrammingError() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> plan(List.of(
                new Fake("a", Set.of("b"), Set.of(), Optional.empty()),
                new Fake("b", Set.of("a"), Set.of(), Optional.empty())), "{}"));
        assertTrue(error.getMessage().contains("[a, b]"), error.getMessage());
    }
}
