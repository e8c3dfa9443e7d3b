package io.smartshare.node.cli;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.compute.ComputeEvidence;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.storage.AuditEvidence;
import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.hal.board.BoardFiles;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.KeyFile;
import io.smartshare.ledger.record.CheckpointMarker;
import io.smartshare.ledger.record.KeyEvent;
import io.smartshare.ledger.record.MeteringSample;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.record.Record;
import io.smartshare.ledger.record.RecordBody;
import io.smartshare.ledger.storage.LedgerFiles;
import io.smartshare.ledger.storage.StorageException;
import io.smartshare.ledger.verify.LogVerifier;
import io.smartshare.ledger.verify.VerificationResult;
import io.smartshare.node.daemon.DataDir;
import io.smartshare.node.daemon.Node;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code smartshare-node ledger show|verify|export}: reads a node's ledger from its data dir.
 * {@code show} and {@code verify} only read (they work while the node runs); {@code export}
 * opens the log, so the node must be stopped.
 */
final class LedgerCommand {
    static final String HELP = """
            usage: smartshare-node ledger show   [--data-dir DIR] [--last N]
                   smartshare-node ledger verify [--data-dir DIR]
                   smartshare-node ledger verify --file EXPORT --key HEX
                   smartshare-node ledger export [--data-dir DIR] [--out FILE]

              show     verify the log read-only, then print its size, root, latest checkpoint
                       and the last N records (default 20)
              verify   check every record, the hash chain, the Merkle root and every signed
                       checkpoint; exit 0 if the log is accepted, 1 with the reason if not.
                       With --file, verify an exported log against the node's public key
              export   write the log as one segment stream (docs/ledger-format.md) to FILE or
                       stdout; the node must be stopped

            DIR defaults to the sim board's data dir (./var).
            """;

    private LedgerCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Args parsed = Args.parse("ledger", args, Set.of("data-dir", "last", "file", "key", "out"), Set.of("help"));
        if (parsed.flag("help")) {
            out.print(HELP);
            return Main.OK;
        }
        List<String> operands = parsed.operands(1);
        if (operands.isEmpty()) {
            throw new UsageException("expected show, verify or export; see smartshare-node ledger --help");
        }
        Path dataDir = dataDir(parsed);
        try {
            return switch (operands.get(0)) {
                case "show" -> show(dataDir, parsed.intOption("last", 0, 100_000).orElse(20), out, err);
                case "verify" -> parsed.option("file").isPresent()
                        ? verifyExport(Path.of(parsed.option("file").get()), key(parsed), out, err)
                        : verifyDirectory(dataDir, out, err);
                case "export" -> export(dataDir, parsed.option("out").map(Path::of), err);
                default -> throw new UsageException("unknown ledger command '" + operands.get(0)
                        + "'; expected show, verify or export");
            };
        } catch (IOException e) {
            err.println("smartshare-node ledger: " + e.getMessage());
            return Main.FAILED;
        }
    }

    private static Ed25519PublicKey key(Args parsed) {
        String hex = parsed.option("key").orElseThrow(() -> new UsageException("verify --file needs --key HEX"));
        try {
            return Ed25519PublicKey.of(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--key: expected 64 hex digits, found '" + hex + "'");
        }
    }

    /** The {@code --data-dir} option, defaulting to the sim board's data dir. */
    static Path dataDir(Args parsed) {
        return parsed.option("data-dir").map(Path::of).orElseGet(() -> Path.of(BoardFiles.resolve("sim").defaultDataDir()));
    }

    /** The public key of the node whose data dir is {@code dataDir}. */
    static Ed25519PublicKey ownKey(Path dataDir) {
        return KeyFile.load(dataDir.resolve(Node.KEY_FILE)).publicKey();
    }

    private static int show(Path dataDir, int last, PrintStream out, PrintStream err) throws IOException {
        Deque<Record> tail = new ArrayDeque<>();
        VerificationResult result = new LogVerifier(ownKey(dataDir)).verifyDirectory(dataDir.resolve("ledger"), record -> {
            tail.addLast(record);
            if (tail.size() > last) {
                tail.removeFirst();
            }
        });
        int code = report(result, out, err);
        for (Record record : tail) {
            out.printf("%8d  %s  %s%n", record.seq(), Instant.ofEpochMilli(record.timeMillis()), RecordLine.of(record.body()));
        }
        return code;
    }

    private static int verifyDirectory(Path dataDir, PrintStream out, PrintStream err) throws IOException {
        return report(new LogVerifier(ownKey(dataDir)).verifyDirectory(dataDir.resolve("ledger"), record -> { }),
                out, err);
    }

    private static int verifyExport(Path file, Ed25519PublicKey key, PrintStream out, PrintStream err)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return report(new LogVerifier(key).verify(in), out, err);
        }
    }

    private static int report(VerificationResult result, PrintStream out, PrintStream err) {
        if (result instanceof VerificationResult.Accepted accepted) {
            out.printf("accepted: %d records, root %s, %d signed checkpoints verified%n", accepted.size(),
                    accepted.root().hex(), accepted.checkpointsVerified());
            accepted.latestCheckpoint().ifPresent(checkpoint -> out.printf("latest checkpoint: size %d%n%s",
                    checkpoint.size(), checkpoint.text()));
            return Main.OK;
        }
        VerificationResult.Rejected rejected = (VerificationResult.Rejected) result;
        err.printf("rejected at %d: %s%n", rejected.seq(), rejected.reason());
        return Main.FAILED;
    }

    private static int export(Path dataDir, java.util.Optional<Path> target, PrintStream err) throws IOException {
        try (DataDir locked = DataDir.open(dataDir);
                Ledger ledger = LedgerFiles.open(locked.path(), Node.loadIdentity(locked));
                OutputStream sink = target.isPresent() ? Files.newOutputStream(target.get()) : System.out;
                OutputStream out = new BufferedOutputStream(sink)) {
            ledger.export(out);
            out.flush();
            err.printf("exported %d records%n", ledger.size());
            return Main.OK;
        } catch (StorageException | UncheckedIOException e) {
            err.println("smartshare-node ledger export: " + e.getMessage());
            return Main.FAILED;
        }
    }
}
