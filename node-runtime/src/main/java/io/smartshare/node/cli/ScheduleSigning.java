package io.smartshare.node.cli;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.storage.DurableFile;
import io.smartshare.node.daemon.Node;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * {@code smartshare-node rewards sign-schedule}: the issuer's tool. Builds a reward schedule
 * (docs/contracts.md §7) from the command line, signs it with the issuer key kept in a
 * directory (created on first use, like a node's identity), and writes the COSE_Sign1 that
 * nodes configure as {@code rewards.schedule}; prints the issuer key for their {@code
 * rewards.trusted-issuers} and the schedule id.
 */
final class ScheduleSigning {
    static final String HELP = """
            usage: smartshare-node rewards sign-schedule --issuer-dir DIR --version N --valid-from EPOCH
                       --pool MICROTOKENS --terms RESOURCE=RATE/UNIT/CAP[,...] --out FILE

              Signs a reward schedule with the issuer key in DIR/node.key (created if missing;
              keep DIR safe: whoever holds it can issue schedules). RESOURCE is relay.up,
              relay.down, storage or cpu; a node earns floor(amount * RATE / UNIT) micro-tokens
              per epoch, at most CAP. Prints the issuer's public key and the schedule id.
            """;

    private ScheduleSigning() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Args parsed = Args.parse("rewards sign-schedule", args,
                Set.of("issuer-dir", "version", "valid-from", "pool", "terms", "out"), Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        parsed.operands(0);
        Path dir = Path.of(required(parsed, "issuer-dir"));
        Path target = Path.of(required(parsed, "out"));
        RewardSchedule schedule;
        try {
            schedule = new RewardSchedule(number(parsed, "version"), number(parsed, "valid-from"),
                    number(parsed, "pool"), terms(required(parsed, "terms")));
        } catch (ContractException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            Files.createDirectories(dir);
            NodeIdentity issuer = KeyFile.loadOrCreate(dir.resolve(Node.KEY_FILE), new SecureRandom());
            DurableFile.replace(target, schedule.sign(issuer));
            out.println("issuer key  " + HexFormat.of().formatHex(issuer.publicKey().encoded()));
            out.println("schedule id " + HexFormat.of().formatHex(schedule.id()));
            return Main.OK;
        } catch (IOException e) {
            err.println("smartshare-node rewards sign-schedule: " + e.getMessage());
            return Main.FAILED;
        }
    }

    private static String required(Args parsed, String name) {
        return parsed.option(name).orElseThrow(() -> new UsageException("rewards sign-schedule needs --" + name));
    }

    private static long number(Args parsed, String name) {
        String text = required(parsed, name);
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": expected a number >= 0, found '" + text + "'");
        }
    }

    /** Parses {@code relay.up=2000/1000000/300000,cpu=30/1000/100000}. */
    private static Map<Resource, RateTerms> terms(String text) {
        Map<Resource, RateTerms> terms = new EnumMap<>(Resource.class);
        for (String item : text.split(",")) {
            String[] nameAndTerms = item.trim().split("=", 2);
            Resource resource = Arrays.stream(Resource.values()).filter(r -> r.toString().equals(nameAndTerms[0]))
                    .findFirst().orElseThrow(() -> new UsageException("--terms: unknown resource '" + nameAndTerms[0]
                            + "'; expected one of " + Arrays.toString(Resource.values())));
            String[] parts = nameAndTerms.length == 2 ? nameAndTerms[1].split("/") : new String[0];
            if (parts.length != 3) {
                throw new UsageException("--terms: expected " + resource + "=RATE/UNIT/CAP, found '" + item.trim() + "'");
            }
            try {
                terms.put(resource, new RateTerms(Long.parseLong(parts[0]), Long.parseLong(parts[1]),
                        Long.parseLong(parts[2])));
            } catch (NumberFormatException | ContractException e) {
                throw new UsageException("--terms: " + item.trim() + ": " + e.getMessage());
            }
        }
        return terms;
    }
}
