package io.smartshare.node.cli;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.channel.ChannelClose;
import io.smartshare.contracts.channel.ChannelLedger;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.schedule.MicroTokens;
import io.smartshare.contracts.schedule.ScheduleRejection;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.contracts.settlement.ChannelPayout;
import io.smartshare.contracts.settlement.EpochInputs;
import io.smartshare.contracts.settlement.Exclusion;
import io.smartshare.contracts.settlement.Mark;
import io.smartshare.contracts.settlement.MemberCheckpoint;
import io.smartshare.contracts.settlement.NodeReward;
import io.smartshare.contracts.settlement.Settlement;
import io.smartshare.contracts.settlement.SettlementResult;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.storage.DurableFile;
import io.smartshare.ledger.verify.LogVerifier;
import io.smartshare.ledger.verify.VerificationResult;
import io.smartshare.node.config.NodeConfig;
import io.smartshare.node.config.NodeConfigReader;
import io.smartshare.node.config.RewardsConfig;
import io.smartshare.node.config.RewardsConfigReader;
import io.smartshare.node.config.ScheduleFile;
import io.smartshare.node.daemon.Node;
import io.smartshare.node.rewards.SettlementRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code smartshare-node rewards settle}: settles one epoch (docs/contracts.md §8) from the
 * ledgers of the shard's members, read-only (nodes may be running): each ledger is verified,
 * its latest signed checkpoint makes the node a member, and the receipt records it covers
 * are the receipts. Prints every node's reward and the settlement hash.
 */
final class RewardsCommand {
    static final String HELP = """
            usage: smartshare-node rewards settle --config FILE --epoch N [--schedule FILE]
                                                  [--data-dir DIR] [--members DIR,DIR...]
                                                  [--previous RESULT] [--closes FILE,FILE...]
                                                  [--out FILE]

              settle   verify each node's ledger in DIR and the --members data dirs; a node's
                       latest signed checkpoint makes it a member, and the receipt records up
                       to it are its receipts. Settle epoch N under the schedule (FILE, or the
                       config's rewards.schedule), which must be signed by one of the config's
                       rewards.trusted-issuers. Print the rewards (micro-tokens), the receipts
                       that counted zero and why, and the settlement hash; --out writes the
                       result bytes (docs/contracts.md §8.6), which are also kept in DIR as
                       settlement.cbor and shown by the node's /rewards. --previous takes the
                       marks of an earlier epoch's result (its --out file or settlement.cbor),
                       so what was paid then is not paid again; without it the epoch is
                       settled as a shard's first. The channels of the node in DIR that its
                       ledger shows closed (up to its checkpoint) are paid out; --closes adds
                       closes of other channels submitted in the epoch (docs/contracts.md §11
                       bytes, or those bytes in hex as 'channel show' prints a close and a
                       party's /channels?id=ID shows it); each channel is paid out once, from
                       its strongest close.

            DIR defaults to the sim board's data dir (./var).

            smartshare-node rewards sign-schedule --help: the schedule issuer's tool.
            """;

    private RewardsCommand() {
    }

    /** One member's part of the inputs, and the channel records its checkpoint covers. */
    private record Member(MemberCheckpoint checkpoint, List<SignedReceipt> receipts, List<Record> channelRecords) {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("sign-schedule")) {
            return ScheduleSigning.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        Args parsed = Args.parse("rewards", args, Set.of("config", "epoch", "schedule", "data-dir", "members", "previous", "closes", "out"),
                Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        List<String> operands = parsed.operands(1);
        if (operands.isEmpty() || !operands.get(0).equals("settle")) {
            throw new UsageException("expected settle or sign-schedule; see smartshare-node rewards --help");
        }
        NodeConfig config = NodeConfigReader.read(Path.of(parsed.option("config")
                .orElseThrow(() -> new UsageException("rewards settle needs --config FILE (its trusted issuers)"))));
        long epoch = parsed.intOption("epoch", 0, Integer.MAX_VALUE)
                .orElseThrow(() -> new UsageException("rewards settle needs --epoch N"));
        List<Path> dirs = new ArrayList<>();
        dirs.add(LedgerCommand.dataDir(parsed));
        dirs.addAll(paths(parsed.option("members")));
        try {
            Optional<VerifiedSchedule> schedule = schedule(parsed, config, err);
            if (schedule.isEmpty()) {
                return Main.FAILED;
            }
            List<MemberCheckpoint> checkpoints = new ArrayList<>();
            List<SignedReceipt> receipts = new ArrayList<>();
            List<ChannelClose> closes = new ArrayList<>();
            for (Path dir : dirs) {
                Optional<Member> member = member(dir, err);
                if (member.isEmpty()) {
                    return Main.FAILED;
                }
                checkpoints.add(member.get().checkpoint());
                receipts.addAll(member.get().receipts());
                if (dir.equals(dirs.get(0))) {
                    closes.addAll(ownCloses(dir, member.get().channelRecords(), err));
                }
            }
            List<Mark> previousMarks = List.of();
            if (parsed.option("previous").isPresent()) {
                SettlementRecord.Previous previous = SettlementRecord.previous(Path.of(parsed.option("previous").get()));
                if (previous.epoch() >= epoch) {
                    throw new UsageException("--previous: that result settled epoch " + previous.epoch()
                            + ", not one before epoch " + epoch);
                }
                previousMarks = previous.marks();
            }
            for (Path file : paths(parsed.option("closes"))) {
                closes.add(ChannelClose.decode(closeBytes(Files.readAllBytes(file))));
            }
            SettlementResult result = Settlement.settle(schedule.get(),
                    new EpochInputs(epoch, checkpoints, receipts, previousMarks, closes));
            print(result, out);
            SettlementRecord.store(dirs.get(0), result);
            if (parsed.option("out").isPresent()) {
                DurableFile.replace(Path.of(parsed.option("out").get()), result.encode());
            }
            return Main.OK;
        } catch (IOException | ContractException e) {
            err.println("smartshare-node rewards: " + e.getMessage());
            return Main.FAILED;
        }
    }

    /** The paths of a comma-separated option, none if it is absent. */
    private static List<Path> paths(Optional<String> list) {
        return list.map(text -> Arrays.stream(text.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .map(Path::of).toList()).orElse(List.of());
    }

    private static Optional<VerifiedSchedule> schedule(Args parsed, NodeConfig node, PrintStream err)
            throws IOException {
        RewardsConfig config = node.section("rewards").map(RewardsConfigReader::read).orElseGet(RewardsConfig::defaults);
        if (parsed.option("schedule").isEmpty()) {
            if (config.schedule().isEmpty()) {
                throw new UsageException("no schedule: give --schedule FILE or set rewards.schedule in the config");
            }
            return config.schedule();
        }
        Path file = Path.of(parsed.option("schedule").get());
        Outcome<VerifiedSchedule, ScheduleRejection> outcome = ScheduleFile.verify(file, config.trustedIssuers());
        outcome.rejection().ifPresent(r -> err.println("smartshare-node rewards: schedule " + file + " rejected: " + r));
        return outcome.acceptedValue();
    }

    private static Optional<Member> member(Path dir, PrintStream err) throws IOException {
        Ed25519PublicKey key = LedgerCommand.ownKey(dir);
        if (!Files.isDirectory(dir.resolve("ledger"))) {
            err.printf("smartshare-node rewards: %s in %s has no ledger%n", NodeId.of(key), dir);
            return Optional.empty();
        }
        List<Record> receiptRecords = new ArrayList<>();
        List<Record> channelRecords = new ArrayList<>();
        VerificationResult verified = new LogVerifier(key).verifyDirectory(dir.resolve("ledger"), record -> {
            if (record.body() instanceof Receipt entry) {
                if (CoseSign1.domainOf(entry.statement()).filter(Domain.RECEIPT::equals).isPresent()) {
                    receiptRecords.add(record);
                } else if (ChannelLedger.holdsChannelDocument(entry)) {
                    channelRecords.add(record);
                }
            }
        });
        if (verified instanceof VerificationResult.Rejected rejected) {
            err.printf("smartshare-node rewards: ledger of %s in %s rejected at %d: %s%n", NodeId.of(key), dir,
                    rejected.seq(), rejected.reason());
            return Optional.empty();
        }
        Optional<SignedCheckpoint> latest = ((VerificationResult.Accepted) verified).latestCheckpoint();
        if (latest.isEmpty()) {
            err.printf("smartshare-node rewards: ledger of %s in %s has no signed checkpoint%n", NodeId.of(key), dir);
            return Optional.empty();
        }
        long covered = latest.get().size();
        List<SignedReceipt> receipts = new ArrayList<>();
        for (Record record : receiptRecords) {
            if (record.seq() < covered) {
                Receipt entry = (Receipt) record.body();
                receipts.add(SignedReceipt.fromLedger(entry.counterparty(), entry.statement(), entry.signature()));
            } else {
                leftOutAfterCheckpoint("receipt", record, key, dir, covered, err);
            }
        }
        List<Record> channels = new ArrayList<>();
        for (Record record : channelRecords) {
            if (record.seq() < covered) {
                channels.add(record);
            } else {
                leftOutAfterCheckpoint("channel", record, key, dir, covered, err);
            }
        }
        return Optional.of(new Member(new MemberCheckpoint(key, CheckpointRef.of(covered, latest.get().root().bytes())),
                receipts, channels));
    }

    /**
     * Names a record the settlement cannot count: it comes after the member's latest signed
     * checkpoint, which is what the settlement rests on; it counts once a checkpoint covers it.
     */
    private static void leftOutAfterCheckpoint(String kind, Record record, Ed25519PublicKey key, Path dir, long covered,
            PrintStream err) {
        err.printf("smartshare-node rewards: %s record %d of %s in %s left out: it comes after the latest signed"
                + " checkpoint (size %d); a later settlement counts it once a checkpoint covers it%n", kind, record.seq(),
                NodeId.of(key), dir, covered);
    }

    /**
     * The closed channels of the settling node, rebuilt from its own channel records as the
     * daemon rebuilds them (docs/contracts.md §6.3); a record that does not fit is named and
     * left out, as the daemon does.
     */
    private static List<ChannelClose> ownCloses(Path dir, List<Record> channelRecords, PrintStream err) {
        ChannelLedger channels = ChannelLedger.empty(KeyFile.load(dir.resolve(Node.KEY_FILE)));
        for (Record record : channelRecords) {
            try {
                channels = channels.replay((Receipt) record.body());
            } catch (ContractException e) {
                err.printf("smartshare-node rewards: channel record %d in %s left out: %s%n", record.seq(), dir,
                        e.getMessage());
            }
        }
        List<ChannelClose> closes = new ArrayList<>();
        channels.channels().values().forEach(c -> c.close().ifPresent(closes::add));
        return closes;
    }

    /** A close file's bytes: hex text (what {@code channel show} prints) is decoded, anything else is taken as is. */
    static byte[] closeBytes(byte[] file) {
        String text = new String(file, StandardCharsets.US_ASCII).strip();
        return !text.isEmpty() && text.matches("(?:[0-9a-fA-F]{2})+") ? HexFormat.of().parseHex(text) : file;
    }

    /** The result, amounts in micro-tokens (µT) with the rewards also in tokens ({@link MicroTokens}). */
    private static void print(SettlementResult result, PrintStream out) {
        HexFormat hex = HexFormat.of();
        out.printf("epoch %d  schedule %s  pool %s%n", result.epoch(), hex.formatHex(result.scheduleId()),
                MicroTokens.text(result.pool()));
        out.printf("%-30s %12s %12s %12s %5s %16s%n", "node", "earned µT", "capped µT", "reward µT", "dust", "reward tokens");
        for (NodeReward r : result.rewards()) {
            out.printf("%-30s %12d %12d %12d %5d %16s%n", NodeId.of(r.node()).value(), r.earned(), r.capped(), r.reward(),
                    r.dustShare(), MicroTokens.tokens(r.reward()));
        }
        out.printf("unallocated %d%ndust %d%n", result.unallocated(), result.dust());
        for (ChannelPayout c : result.channels()) {
            out.printf("channel %s payer %s payee %s deposit %d µT paid %s%n", hex.formatHex(c.channel().bytes()),
                    NodeId.of(c.payer()).value(), NodeId.of(c.payee()).value(), c.deposit(), MicroTokens.text(c.paid()));
        }
        for (Exclusion e : result.exclusions()) {
            out.printf("excluded %s: %s%n", e.reason(), e.detail());
        }
        out.printf("settlement hash %s%n", hex.formatHex(result.hash()));
    }
}
