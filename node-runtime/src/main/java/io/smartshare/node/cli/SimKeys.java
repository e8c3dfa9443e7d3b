package io.smartshare.node.cli;

import io.smartshare.node.daemon.ShutdownSignal;
import io.smartshare.node.mesh.sim.LoopbackMesh;
import io.smartshare.node.mesh.sim.Topology;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The keys {@code sim} reads while it runs, one per line (type it and press Enter): {@code k}
 * kills a random live node other than a gateway, {@code r} revives the node killed last,
 * {@code q} quits. Anything else is answered with the keys. Input that ends (no terminal)
 * leaves the run alone.
 */
final class SimKeys {
    static final String HELP = "keys: k Enter kills a random node, r Enter revives the last one killed, q Enter quits";

    private final LoopbackMesh mesh;
    private final Topology topology;
    private final SimConsole console;
    private final ShutdownSignal signal;
    private final Random random = new Random();
    private final Deque<Integer> killed = new ArrayDeque<>();

    SimKeys(LoopbackMesh mesh, Topology topology, SimConsole console, ShutdownSignal signal) {
        this.mesh = mesh;
        this.topology = topology;
        this.console = console;
        this.signal = signal;
    }

    /** Reads keys from {@code in} on a daemon thread until it ends. */
    void start(InputStream in) {
        Thread reader = new Thread(() -> read(in), "sim-keys");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream in) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                press(line.strip());
            }
        } catch (IOException e) {
            console.note("keys: input closed (" + e.getMessage() + ")");
        }
    }

    /** Acts on one key; package-private for the kill bookkeeping's sake. */
    synchronized void press(String key) {
        switch (key) {
            case "k" -> killRandom();
            case "r" -> reviveLast();
            case "q" -> signal.request();
            case "" -> { }
            default -> console.note("unknown key '" + key + "'; " + HELP);
        }
    }

    /** Records a kill made by {@code --kill}, so that {@code r} can revive it too. */
    synchronized void killed(int node) {
        killed.push(node);
    }

    private void killRandom() {
        int[] candidates = IntStream.range(0, topology.size())
                .filter(i -> !mesh.killed(i) && !topology.isGateway(i)).toArray();
        if (candidates.length == 0) {
            console.note("no live node left to kill but the gateways");
            return;
        }
        int node = candidates[random.nextInt(candidates.length)];
        console.killed(node, "key k");
        mesh.kill(node);
        killed.push(node);
    }

    private void reviveLast() {
        while (!killed.isEmpty() && !mesh.killed(killed.peek())) {
            killed.pop();
        }
        if (killed.isEmpty()) {
            console.note("no killed node to revive");
            return;
        }
        int node = killed.pop();
        console.revived(node, "key r");
        mesh.revive(node);
    }
}
