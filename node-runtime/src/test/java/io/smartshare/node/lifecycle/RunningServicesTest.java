package io.smartshare.node.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smartshare.hal.board.BoardFiles;
import io.smartshare.node.coap.ServiceStatus;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunningServicesTest {
    private final List<String> journal = new ArrayList<>();

    /** Records its start and stop; fails to start when told. */
    private final class Recorded implements NodeService {
        private final String name;
        private final Set<String> after;
        private final boolean fails;

        Recorded(String name, Set<String> after, boolean fails) {
            this.name = name;
            this.after = after;
            this.fails = fails;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> after() {
            return after;
        }

        @Override
        public Activation configure(ServiceConfig config) {
            return Activation.run();
        }

        @Override
        public void start(NodeContext context) {
            journal.add("start " + name);
            if (fails) {
                throw new IllegalStateException("port 1234 is taken");
            }
        }

        @Override
        public void stop() {
            journal.add("stop " + name);
        }
    }

    private static RunningServices running(List<NodeService> services) {
        ServicePlan plan = ServicePlan.configure(services, Map.of(), Set.of(), BoardFiles.resolve("sim"),
                new RunOptions("sim", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), List.of(), Optional.empty()), new CoapRequests());
        return new RunningServices(plan);
    }

    @Test
    void startsInOrderAndStopsInReverse() {
        RunningServices services = running(List.of(new Recorded("b", Set.of("a"), false),
                new Recorded("a", Set.of(), false)));
        services.start(null);
        assertEquals(List.of(new ServiceStatus("b", "running", ""), new ServiceStatus("a", "running", "")),
                services.statuses());
        services.close();
        assertEquals(List.of("start a", "start b", "stop b", "stop a"), journal);
        assertEquals("stopped", services.statuses().get(0).state());
    }

    @Test
    void aServiceThatFailsToStartIsNamedAndWhatStartedBeforeItIsStopped() {
        RunningServices services = running(List.of(new Recorded("a", Set.of(), false),
                new Recorded("b", Set.of("a"), true), new Recorded("c", Set.of("b"), false)));
        ServiceStartException error = assertThrows(ServiceStartException.class, () -> services.start(null));
        assertEquals("service 'b' failed to start: port 1234 is taken", error.getMessage());
        assertEquals("b", error.service());
        assertEquals(List.of("start a", "start b", "stop b", "stop a"), journal);
        assertEquals(List.of(new ServiceStatus("a", "stopped", ""), new ServiceStatus("b", "failed", ""),
                new ServiceStatus("c", "stopped", "")), services.statuses());
    }

    @Test
    void aFileThatIsMissingIsNamedWithTheReasonNotAsAJavaException() {
        ServiceStartException error = new ServiceStartException("beacon",
                new NoSuchFileException("/etc/smartshare/shard.cose"));
        assertEquals("service 'beacon' failed to start: /etc/smartshare/shard.cose: no such file", error.getMessage());
    }

    /** Finds at start that it has nothing to do. */
    private final class Idle implements NodeService {
        @Override
        public String name() {
            return "idle";
        }

        @Override
        public void start(NodeContext context) throws ServiceOffException {
            journal.add("start idle");
            throw new ServiceOffException("nothing to publish from this node");
        }

        @Override
        public void stop() {
            journal.add("stop idle");
        }
    }

    /** Needs the idle service. */
    private final class NeedsIdle implements NodeService {
        @Override
        public String name() {
            return "user";
        }

        @Override
        public Set<String> needs() {
            return Set.of("idle");
        }

        @Override
        public void start(NodeContext context) {
            journal.add("start user");
        }

        @Override
        public void stop() {
            journal.add("stop user");
        }
    }

    @Test
    void aServiceOffAtStartIsStoppedListedOffWithWhyAndSoIsWhatNeedsIt() {
        RunningServices services = running(List.of(new Recorded("a", Set.of(), false), new Idle(), new NeedsIdle()));
        services.start(null);
        assertEquals(List.of(new ServiceStatus("a", "running", ""),
                new ServiceStatus("idle", "off", "nothing to publish from this node"),
                new ServiceStatus("user", "off", "needs the idle service, which does not run (nothing to publish from this"
                        + " node)")), services.statuses());
        services.close();
        assertEquals(List.of("start a", "start idle", "stop idle", "stop a"), journal);
    }
}
