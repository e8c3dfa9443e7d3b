package io.smartshare.node.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smartshare.node.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The fleet page (docs/fleet.md): a read-only page served by the JDK's HTTP server, made of
 * three files in the jar and {@code fleet.json}, the {@code /fleet} document the page reads
 * every two seconds. Nothing is fetched from anywhere else (its Content-Security-Policy says
 * so to the browser). GET and HEAD only; one thread answers.
 */
final class FleetPage implements AutoCloseable {
    private static final String FILES = "/io/smartshare/node/fleet/page/";
    private static final Map<String, String> PAGE = Map.of("/", "index.html", "/index.html", "index.html",
            "/fleet.js", "fleet.js", "/fleet.css", "fleet.css");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService thread;

    private FleetPage(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * Serves the page on {@code address}.
     *
     * @throws IOException if the address cannot be bound
     */
    static FleetPage start(InetSocketAddress address, Supplier<Map<String, Object>> fleet) throws IOException {
        Map<String, byte[]> files = Map.of("index.html", file("index.html"), "fleet.js", file("fleet.js"),
                "fleet.css", file("fleet.css"));
        HttpServer server = HttpServer.create(address, 8);
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, files, fleet);
            }
        });
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fleet-page"));
        server.setExecutor(thread);
        server.start();
        return new FleetPage(server, thread);
    }

    private static void answer(HttpExchange exchange, Map<String, byte[]> files, Supplier<Map<String, Object>> fleet)
            throws IOException {
        String method = exchange.getRequestMethod();
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "the fleet page is read-only\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/fleet.json")) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            send(exchange, 200, "application/json", Json.write(fleet.get()).getBytes(StandardCharsets.UTF_8));
        } else if (PAGE.containsKey(path)) {
            String name = PAGE.get(path);
            send(exchange, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), files.get(name));
        } else {
            send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] file(String name) {
        try (InputStream in = FleetPage.class.getResourceAsStream(FILES + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + FILES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port it listens on. */
    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
