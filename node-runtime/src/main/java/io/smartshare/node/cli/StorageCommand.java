package io.smartshare.node.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code smartshare-node storage put|get|list|audit|delete}: the operator's storage commands,
 * sent over {@code coaps://} to the running node (docs/storage.md), which seals, uploads,
 * audits, downloads and deletes. {@code put} and {@code get} wait for the transfer, showing
 * its progress.
 */
final class StorageCommand {
    static final String HELP = """
            usage: smartshare-node storage put FILE --on NODE-ID --days N [--audit-seconds S]
                                                                           CONNECTION
                   smartshare-node storage get ROOT --out FILE             CONNECTION
                   smartshare-node storage list                            CONNECTION
                   smartshare-node storage audit ROOT                      CONNECTION
                   smartshare-node storage delete ROOT                     CONNECTION

              CONNECTION: --config FILE --identity NAME [--node coaps://HOST:PORT]
                as for 'channel': one of the node's security.psk identities with
                may-write-config: true.

              put     the node encrypts FILE (AES-256-GCM, with the key in its data dir,
                      which never leaves it), agrees with NODE-ID (a mesh member, reached
                      through the mesh if it is not a neighbour) to keep it for N days, and
                      uploads it; the holder is audited every S seconds (default: the
                      config's storage.audit-seconds) and paid for the time audits prove.
                      FILE is read by the node's process: give a path it can read
              get     download the content ROOT (its root or agreement id, as list shows),
                      check every leaf against the agreed root, decrypt it into FILE (written
                      by the node's process; it appears only when all of it checked)
              list    what this node stores on others and holds for others
              audit   challenge the holder of ROOT now and print the verdict
              delete  end the agreement: the holder deletes the content, pay stops

            Exit 0 when it was done, 1 when the node or the holder refused or the transfer
            failed (the reason is printed), 2 for a wrong command line.
            """;
    private static final long POLL_MILLIS = 500;
    private static final long TRANSFER_TIMEOUT_MILLIS = 3_600_000;

    private StorageCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Args parsed = Args.parse("storage", args, Set.of("config", "identity", "node", "on", "days", "audit-seconds",
                "out"), Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        List<String> operands = parsed.operands(2);
        if (operands.isEmpty()) {
            throw new UsageException("expected put, get, list, audit or delete; see smartshare-node storage --help");
        }
        String command = operands.get(0);
        String request = request(command, operands, parsed);
        try (OperatorConnection node = OperatorConnection.open("storage", parsed)) {
            OperatorConnection.Answer answer = request.equals("list") ? node.get("/storage")
                    : node.post(request);
            if (!answer.success()) {
                err.println("smartshare-node storage: " + answer.code() + " " + answer.text());
                return Main.FAILED;
            }
            return switch (command) {
                case "list" -> list(answer.text(), out);
                case "put", "get" -> await(node, id(answer.text()), command, out, err);
                default -> {
                    out.println(answer.text());
                    yield Main.OK;
                }
            };
        }
    }

    private static String request(String command, List<String> operands, Args parsed) {
        return switch (command) {
            case "put" -> {
                OperatorConnection.expectOperands(operands, 2, "storage put FILE --on NODE-ID --days N");
                String file = Path.of(operands.get(1)).toAbsolutePath().toString();
                String on = parsed.option("on").orElseThrow(() -> new UsageException("storage put needs --on NODE-ID"));
                String days = parsed.option("days").orElseThrow(() -> new UsageException("storage put needs --days N"));
                yield "/storage/owned/put?file=" + OperatorConnection.encode(file) + "&on=" + OperatorConnection.encode(on) + "&days=" + OperatorConnection.encode(days)
                        + parsed.option("audit-seconds").map(s -> "&audit-seconds=" + OperatorConnection.encode(s)).orElse("");
            }
            case "get" -> {
                OperatorConnection.expectOperands(operands, 2, "storage get ROOT --out FILE");
                String target = Path.of(parsed.option("out").orElseThrow(() -> new UsageException(
                        "storage get needs --out FILE"))).toAbsolutePath().toString();
                yield "/storage/owned/get?id=" + OperatorConnection.encode(operands.get(1)) + "&out=" + OperatorConnection.encode(target);
            }
            case "list" -> {
                OperatorConnection.expectOperands(operands, 1, "storage list");
                yield "list";
            }
            case "audit", "delete" -> {
                OperatorConnection.expectOperands(operands, 2, "storage " + command + " ROOT");
                yield "/storage/owned/" + command + "?id=" + OperatorConnection.encode(operands.get(1));
            }
            default -> throw new UsageException("unknown storage command '" + command
                    + "'; expected put, get, list, audit or delete");
        };
    }

    /** Polls {@code /storage} until the transfer of {@code id} ends, printing its progress as it changes. */
    private static int await(OperatorConnection node, String id, String command, PrintStream out, PrintStream err) {
        out.println(command.equals("put") ? "agreed " + id : "retrieving " + id);
        String last = "";
        long deadline = System.currentTimeMillis() + TRANSFER_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            OperatorConnection.Answer answer = node.get("/storage");
            Optional<Map<String, Object>> row = answer.success() ? owned(answer.text()).stream()
                    .filter(r -> id.equals(r.get("id"))).findFirst() : Optional.empty();
            String progress = row.map(r -> String.valueOf(r.getOrDefault("progress", r.get("state")))).orElse("");
            if (!progress.equals(last) && !progress.isEmpty()) {
                out.println(progress);
                last = progress;
            }
            if (command.equals("put") && row.filter(r -> "stored".equals(r.get("state"))).isPresent()) {
                if (!last.equals("uploaded")) {
                    out.println("uploaded"); // stored can show before the progress line says so
                }
                return Main.OK;
            }
            if (command.equals("get") && progress.startsWith("retrieved")) {
                return Main.OK;
            }
            if (command.equals("get") && progress.startsWith("retrieval failed")) {
                err.println("smartshare-node storage: " + progress);
                return Main.FAILED;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Main.FAILED;
            }
        }
        err.println("smartshare-node storage: " + command + " of " + id + " did not end within an hour: " + last);
        return Main.FAILED;
    }

    private static int list(String json, PrintStream out) {
        Map<String, Object> doc = OperatorConnection.json(json);
        out.println("share " + doc.get("used-bytes") + " of " + doc.get("share-bytes") + " bytes used");
        for (Map<String, Object> row : owned(json)) {
            Map<?, ?> audits = (Map<?, ?>) row.get("audits");
            out.println("stored " + row.get("root") + " id " + row.get("id") + " on " + row.get("holder") + " "
                    + row.get("file-bytes") + " B " + row.get("state") + " audits passed " + audits.get("passed")
                    + " failed " + audits.get("failed") + " missed " + audits.get("missed") + " paid "
                    + row.get("paid-mb-s") + " MB*s file " + row.get("file"));
        }
        for (Object o : (List<?>) doc.getOrDefault("held", List.of())) {
            Map<?, ?> row = (Map<?, ?>) o;
            out.println("held   " + row.get("root") + " id " + row.get("id") + " for " + row.get("owner") + " "
                    + row.get("bytes") + " B " + (row.containsKey("complete-since-ms") ? "complete" : "receiving "
                    + row.get("received-leaves") + "/" + row.get("leaves") + " leaves"));
        }
        return Main.OK;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> owned(String json) {
        return (List<Map<String, Object>>) OperatorConnection.json(json).getOrDefault("owned", List.of());
    }

    private static String id(String json) {
        return String.valueOf(OperatorConnection.json(json).get("id"));
    }
}
