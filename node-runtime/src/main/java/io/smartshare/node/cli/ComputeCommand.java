package io.smartshare.node.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code smartshare-node compute run|jobs|show}: the operator's compute commands, sent over
 * {@code coaps://} to the running node (docs/compute.md), which has the job run on another
 * node, verified by re-execution, and paid. {@code run} waits for the verdict, showing the
 * job's progress.
 */
final class ComputeCommand {
    static final String HELP = """
            usage: smartshare-node compute run MODULE.wasm --on NODE-ID [--input FILE]
                       [--verify-on NODE-ID[,NODE-ID]] [--fuel N] [--pages P] [--out FILE]
                                                                           CONNECTION
                   smartshare-node compute jobs                            CONNECTION
                   smartshare-node compute show JOB                        CONNECTION

              CONNECTION: --config FILE --identity NAME [--node coaps://HOST:PORT]
                as for 'channel': one of the node's security.psk identities with
                may-write-config: true.

              run   the node sends MODULE (WebAssembly, WASI preview 1: stdin is FILE, empty
                    without --input; stdout is the output) to NODE-ID (a mesh member, reached
                    through the mesh if it is not a neighbour) and has the same task run by
                    the verifiers (default: the node itself); it pays NODE-ID only if every
                    run gives the same result, byte for byte, and records the disagreement in
                    its ledger otherwise. --fuel: the most instructions (default 100000000);
                    --pages: the most 64 KiB memory pages (default 16); --out: where the node
                    writes the verified output. MODULE, FILE and --out are read and written
                    by the node's process: give paths it can use
              jobs  what this node ran for others and had run on others
              show  one job of this node's (its id, or the start of it), field by field

            Exit 0 when the job was verified (run) or found (show), 1 when it failed or
            the results disagreed (the reason is printed), 2 for a wrong command line.
            """;
    private static final long POLL_MILLIS = 500;

    private ComputeCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Args parsed = Args.parse("compute", args, Set.of("config", "identity", "node", "on", "input", "verify-on",
                "fuel", "pages", "out"), Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        List<String> operands = parsed.operands(2);
        if (operands.isEmpty()) {
            throw new UsageException("expected run, jobs or show; see smartshare-node compute --help");
        }
        String command = operands.get(0);
        Optional<String> request = request(command, operands, parsed);
        try (OperatorConnection node = OperatorConnection.open("compute", parsed)) {
            OperatorConnection.Answer answer = request.isPresent() ? node.post(request.get()) : node.get("/compute");
            if (!answer.success()) {
                err.println("smartshare-node compute: " + answer.code() + " " + answer.text());
                return Main.FAILED;
            }
            return switch (command) {
                case "run" -> await(node, String.valueOf(OperatorConnection.json(answer.text()).get("id")), out, err);
                case "jobs" -> jobs(OperatorConnection.json(answer.text()), out);
                default -> show(OperatorConnection.json(answer.text()), operands.get(1), out, err);
            };
        }
    }

    private static Optional<String> request(String command, List<String> operands, Args parsed) {
        return switch (command) {
            case "run" -> {
                OperatorConnection.expectOperands(operands, 2, "compute run MODULE.wasm --on NODE-ID");
                String on = parsed.option("on").orElseThrow(() -> new UsageException("compute run needs --on NODE-ID"));
                StringBuilder query = new StringBuilder("/compute/owned/run?module=")
                        .append(OperatorConnection.encode(absolute(operands.get(1)))).append("&on=")
                        .append(OperatorConnection.encode(on));
                parsed.option("input").ifPresent(f -> query.append("&input=").append(OperatorConnection.encode(
                        absolute(f))));
                for (String option : List.of("verify-on", "fuel", "pages")) {
                    parsed.option(option).ifPresent(v -> query.append('&').append(option).append('=')
                            .append(OperatorConnection.encode(v)));
                }
                parsed.option("out").ifPresent(f -> query.append("&out=").append(OperatorConnection.encode(
                        absolute(f))));
                yield Optional.of(query.toString());
            }
            case "jobs" -> {
                OperatorConnection.expectOperands(operands, 1, "compute jobs");
                yield Optional.empty();
            }
            case "show" -> {
                OperatorConnection.expectOperands(operands, 2, "compute show JOB");
                yield Optional.empty();
            }
            default -> throw new UsageException("unknown compute command '" + command + "'; expected run, jobs or show");
        };
    }

    /** Polls {@code /compute} until the job {@code id} has its verdict, printing its progress as it changes. */
    private static int await(OperatorConnection node, String id, PrintStream out, PrintStream err) {
        out.println("job " + id);
        String last = "";
        while (true) {
            OperatorConnection.Answer answer = node.get("/compute");
            Optional<Map<String, Object>> job = answer.success() ? owned(OperatorConnection.json(answer.text()), id)
                    : Optional.empty();
            if (job.isPresent()) {
                String state = job.get().get("state") + ": " + job.get().get("detail");
                if (!state.equals(last)) {
                    out.println(state);
                    last = state;
                }
                Object verdict = job.get().get("state");
                if ("verified".equals(verdict)) {
                    out.println("outcome " + job.get().get("outcome") + " exit " + job.get().get("exit-code")
                            + ", " + job.get().get("instructions") + " instructions, output "
                            + job.get().get("output-bytes") + " B sha256 " + job.get().get("output-sha256"));
                    return Main.OK;
                }
                if ("disagreed".equals(verdict) || "failed".equals(verdict)) {
                    err.println("smartshare-node compute: " + state);
                    return Main.FAILED;
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Main.FAILED;
            }
        }
    }

    private static int jobs(Map<String, Object> doc, PrintStream out) {
        for (Object o : (List<?>) doc.getOrDefault("jobs", List.of())) {
            Map<?, ?> row = (Map<?, ?>) o;
            out.println("ran   " + row.get("id") + " for " + row.get("consumer") + " " + row.get("state")
                    + (row.containsKey("outcome") ? " " + row.get("outcome") + " " + row.get("instructions")
                            + " instructions" : ""));
        }
        for (Object o : (List<?>) doc.getOrDefault("owned", List.of())) {
            Map<?, ?> row = (Map<?, ?>) o;
            out.println("owned " + row.get("id") + " on " + row.get("provider") + " verified by " + row.get("verifiers")
                    + " " + row.get("state") + " " + row.get("instructions") + " instructions");
        }
        return Main.OK;
    }

    private static int show(Map<String, Object> doc, String id, PrintStream out, PrintStream err) {
        Optional<Map<String, Object>> job = owned(doc, id);
        if (job.isEmpty()) {
            err.println("smartshare-node compute: no job " + id + " of this node's (see compute jobs)");
            return Main.FAILED;
        }
        job.get().forEach((key, value) -> out.println(key + ": " + value));
        return Main.OK;
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> owned(Map<String, Object> doc, String id) {
        return ((List<Map<String, Object>>) doc.getOrDefault("owned", List.of())).stream()
                .filter(row -> String.valueOf(row.get("id")).startsWith(id)).findFirst();
    }

    private static String absolute(String file) {
        return Path.of(file).toAbsolutePath().toString();
    }
}
