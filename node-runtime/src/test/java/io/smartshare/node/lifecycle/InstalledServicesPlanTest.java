package io.smartshare.node.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.hal.board.BoardFiles;
import io.smartshare.hal.board.BoardSpec;
import io.smartshare.node.config.NodeConfig;
import io.smartshare.node.daemon.Services;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The node's own services, planned for two boards: which run is the board file's decision. */
class InstalledServicesPlanTest {
    private static final RunOptions OPTIONS = new RunOptions("sim", Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());

    private static ServicePlan plan(BoardSpec board) {
        return ServicePlan.configure(Services.installed(), Map.of(), NodeConfig.CORE_SECTIONS, board, OPTIONS,
                new CoapRequests());
    }

    @Test
    void theSimBoardRunsEveryServiceTheMeshAfterWhatItNeedsAndRewardsAfterTheMesh() {
        List<String> order = plan(BoardFiles.resolve("sim")).order().stream().map(NodeService::name).toList();
        assertEquals(List.of("ledger", "metering", "sensors", "mesh", "uplink", "rewards", "storage", "compute",
                "fleet"), order);
    }

    @Test
    void aBoardWithoutSensorsOrAnIpMeshRunsNeitherAndSaysWhy() {
        BoardSpec bare = BoardFiles.parse("bare.yaml", """
                name: bare
                description: a board with one wired port and a BLE-only mesh
                default-data-dir: /var/lib/smartshare
                platform: sim
                interfaces:
                  - name: sim-wan
                    role: wan
                storage:
                  quota-mb: 16
                cpu:
                  share-cap-percent: 20
                radios:
                  ble:
                    driver: sim
                mesh:
                  transports: [ble]
                """);
        ServicePlan plan = plan(bare);
        assertEquals(List.of("ledger", "metering", "rewards", "fleet"), plan.order().stream().map(NodeService::name).toList());
        assertEquals(Map.of("sensors", "the board file lists no sensors",
                "mesh", "the board's mesh section does not list the ip transport",
                "uplink", "needs the mesh service, which does not run (the board's mesh section does not list the ip"
                        + " transport)",
                "storage", "needs the mesh service, which does not run (the board's mesh section does not list the ip"
                        + " transport)",
                "compute", "needs the mesh service, which does not run (the board's mesh section does not list the ip"
                        + " transport)",
                "beacon", "no shard membership configured (beacon.membership)",
                "mqtt", "no broker configured (mqtt.host)"), plan.off());
    }
}
