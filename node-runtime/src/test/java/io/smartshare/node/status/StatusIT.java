package io.smartshare.node.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.InProcessCoap;
import io.smartshare.node.testing.NodeProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code smartshare-node status} against a node that does not answer. (The screen, {@code
 * --json} and {@code --watch} against real nodes: DocCommandsIT, which runs them as the operator
 * guide shows them.)
 */
class StatusIT {
    @Test
    void aNodeThatDoesNotAnswerIsNamed() throws Exception {
        NodeProcess.Result silent = NodeProcess.runToEnd(List.of("status", "coap://127.0.0.1:"
                + InProcessCoap.freePort()));
        assertEquals(1, silent.exitCode());
        assertTrue(silent.stderr().contains("smartshare-node status: no answer from coap://127.0.0.1:"), silent.stderr());
    }
}
