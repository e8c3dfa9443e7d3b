package io.smartshare.node.cli;

import io.smartshare.node.json.Json;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code smartshare-node channel list|show|open|pay|close}: the operator's payment channel
 * commands, sent over {@code coaps://} to the running node (docs/contracts.md §15), which
 * exchanges the signed documents with the other party.
 */
final class ChannelCommand {
    static final String HELP = """
            usage: smartshare-node channel list                            CONNECTION
                   smartshare-node channel show ID                         CONNECTION
                   smartshare-node channel open --payee KEY --deposit N [--rate R --unit U]
                                                                           CONNECTION
                   smartshare-node channel pay ID AMOUNT                   CONNECTION
                   smartshare-node channel close ID [--unilateral]         CONNECTION

              Add --json to any of them for the node's JSON answer instead of text.
              CONNECTION: --config FILE --identity NAME [--node coaps://HOST:PORT]
                the node's operator config and one of its security.psk identities with
                may-write-config: true (its key is read from FILE, never from the command
                line); --node defaults to coaps://127.0.0.1:<the config's coaps port>.

              list    the node's channels: id, role, peer, deposit, paid, status
              show    one channel with its documents in hex (open record, latest proof,
                      close: the bytes another settling node takes with rewards --closes)
              open    open a channel paying KEY (the payee's public key, 64 hex digits as
                      its /node shows it), a live mesh neighbour, with a deposit of N
                      micro-tokens; both nodes record it in their ledgers. With --rate and
                      --unit, the channel also agrees a relay price: R micro-tokens per U
                      bytes the payee relays for this node from now on, paid automatically
                      every receipt interval (docs/contracts.md §6.4)
              pay     pay AMOUNT more micro-tokens on channel ID (this node is the payer):
                      the node signs the new cumulative balance proof, records it and hands
                      it to the payee
              close   close channel ID together with the other party (both sign the final
                      amount), or --unilateral alone with the latest proof held; closed
                      channels are paid out at the next epoch (rewards settle)

            Exit 0 when the node did it, 1 when it or the other party refused (the CoAP
            code and reason are printed; nothing changed), 2 for a wrong command line.
            """;

    private ChannelCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Args parsed = Args.parse("channel", args, Set.of("config", "identity", "node", "payee", "deposit", "rate", "unit"),
                Set.of("help", "unilateral", "json"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        List<String> operands = parsed.operands(3);
        if (operands.isEmpty()) {
            throw new UsageException("expected list, show, open, pay or close; see smartshare-node channel --help");
        }
        String request = request(operands, parsed);
        try (OperatorConnection node = OperatorConnection.open("channel", parsed)) {
            OperatorConnection.Answer answer = request.startsWith("GET ") ? node.get(request.substring(4))
                    : node.post(request.substring(5));
            if (!answer.success()) {
                err.println("smartshare-node channel: " + answer.code() + " " + answer.text());
                return Main.FAILED;
            }
            if (parsed.flag("json")) {
                out.println(answer.text());
            } else {
                print(operands.get(0), answer.text(), out);
            }
            return Main.OK;
        }
    }

    @SuppressWarnings("unchecked")
    private static void print(String command, String json, PrintStream out) {
        Map<String, Object> document = (Map<String, Object>) Json.read(json);
        if ("list".equals(command)) {
            ChannelText.table(document, out);
        } else {
            ChannelText.channel(document, out);
        }
    }

    /** The request for the command: "GET path" or "POST path?query". */
    private static String request(List<String> operands, Args parsed) {
        String command = operands.get(0);
        return switch (command) {
            case "list" -> {
                OperatorConnection.expectOperands(operands, 1, "channel list");
                yield "GET /channels";
            }
            case "show" -> {
                OperatorConnection.expectOperands(operands, 2, "channel show ID");
                yield "GET /channels?id=" + OperatorConnection.encode(operands.get(1));
            }
            case "open" -> {
                OperatorConnection.expectOperands(operands, 1, "channel open --payee KEY --deposit N");
                String payee = parsed.option("payee").orElseThrow(() -> new UsageException("channel open needs --payee KEY"));
                String deposit = parsed.option("deposit")
                        .orElseThrow(() -> new UsageException("channel open needs --deposit N"));
                if (parsed.option("rate").isPresent() != parsed.option("unit").isPresent()) {
                    throw new UsageException("channel open: give --rate R and --unit U together, or neither");
                }
                String price = parsed.option("rate").map(r -> "&rate=" + OperatorConnection.encode(r) + "&unit="
                        + OperatorConnection.encode(parsed.option("unit").orElseThrow())).orElse("");
                yield "POST /channels/open?payee=" + OperatorConnection.encode(payee) + "&deposit="
                        + OperatorConnection.encode(deposit) + price;
            }
            case "pay" -> {
                OperatorConnection.expectOperands(operands, 3, "channel pay ID AMOUNT");
                yield "POST /channels/pay?id=" + OperatorConnection.encode(operands.get(1)) + "&amount="
                        + OperatorConnection.encode(operands.get(2));
            }
            case "close" -> {
                OperatorConnection.expectOperands(operands, 2, "channel close ID [--unilateral]");
                yield "POST /channels/close?id=" + OperatorConnection.encode(operands.get(1))
                        + (parsed.flag("unilateral") ? "&unilateral" : "");
            }
            default -> throw new UsageException("unknown channel command '" + command
                    + "'; expected list, show, open, pay or close");
        };
    }
}
