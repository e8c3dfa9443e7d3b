package io.smartshare.node.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * libcoap's command-line client ({@code coap-client-notls}, {@code coap-client-openssl}
 * from Debian's libcoap3-bin), the peer an operator would use.
 */
public final class CoapClientTool {
    private CoapClientTool() {
    }

    /** The outcome of one coap-client run; {@code stdout} holds the payload bytes. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** Runs {@code binary args...}, killing it after {@code timeoutSeconds}. */
    public static Result run(String binary, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Thread drainOut = drain(process.getInputStream(), out);
        Thread drainErr = drain(process.getErrorStream(), err);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        drainOut.join(5_000);
        drainErr.join(5_000);
        return new Result(process.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    private static Thread drain(java.io.InputStream in, java.io.ByteArrayOutputStream sink) {
        Thread thread = new Thread(() -> {
            try {
                in.transferTo(sink);
            } catch (IOException e) {
                sink.writeBytes(("(stream unreadable: " + e + ")").getBytes(StandardCharsets.UTF_8));
            }
        }, "coap-client-drain");
        thread.start();
        return thread;
    }
}
