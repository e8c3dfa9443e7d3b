package io.smartshare.node.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetPageTest {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(FleetPage page, String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageItsFilesAndItsDocumentComeFromTheNodeAlone() throws Exception {
        try (FleetPage page = FleetPage.start(new InetSocketAddress("127.0.0.1", 0), () -> Map.of("node", "n1"))) {
            HttpResponse<String> index = send(page, "GET", "/");
            assertEquals(200, index.statusCode());
            assertEquals("text/html; charset=utf-8", index.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("default-src 'self'", index.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertTrue(index.body().contains("<script src=\"fleet.js\""), index.body());
            assertTrue(!index.body().contains("http://") && !index.body().contains("https://"), "nothing from elsewhere");
            assertEquals(200, send(page, "GET", "/fleet.js").statusCode());
            assertEquals(200, send(page, "GET", "/fleet.css").statusCode());
            HttpResponse<String> json = send(page, "GET", "/fleet.json");
            assertEquals("{\"node\":\"n1\"}", json.body());
            assertEquals("no-store", json.headers().firstValue("Cache-Control").orElseThrow());
            assertEquals(404, send(page, "GET", "/../etc/passwd").statusCode());
            assertEquals(404, send(page, "GET", "/fleet.json.bak").statusCode());
            HttpResponse<String> post = send(page, "POST", "/fleet.json");
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        }
    }
}
