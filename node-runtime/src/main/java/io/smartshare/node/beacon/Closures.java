package io.smartshare.node.beacon;

import io.smartshare.contracts.settlement.Mark;
import io.smartshare.ledger.storage.DurableFile;
import io.smartshare.node.rewards.SettlementRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closed epochs this member knows, whoever closed them, verified before they are kept:
 * {@code <data-dir>/beacon/closed/<epoch>.cbor} ({@link Closure}: a cosigned beacon
 * checkpoint, the result and its leaf's proof) and {@code <epoch>.result} (the result's
 * bytes). The latest {@link #IN_MEMORY} are held in memory (a result grows with the shard);
 * older ones are read from disk when asked for. The latest one before an epoch gives the marks
 * that epoch is settled after. Thread-safe.
 */
final class Closures {
    private static final Logger LOG = LoggerFactory.getLogger(Closures.class);
    static final int IN_MEMORY = 16;

    private final Path dir;
    private final TreeSet<Long> epochs = new TreeSet<>();
    private final TreeMap<Long, Closure> latest = new TreeMap<>();

    private Closures(Path dir) {
        this.dir = dir;
    }

    static Closures open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Closures closures = new Closures(dir);
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.matches("[0-9]{1,18}\\.cbor")) {
                    closures.epochs.add(Long.parseLong(name.substring(0, name.length() - 5)));
                }
            }
        }
        for (Long epoch : closures.epochs.descendingSet().stream().limit(IN_MEMORY).toList()) {
            closures.read(epoch).ifPresent(c -> closures.latest.put(epoch, c));
        }
        return closures;
    }

    private Optional<Closure> read(long epoch) {
        Path file = dir.resolve(epoch + ".cbor");
        try {
            return Optional.of(Closure.decode(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=beacon-closure-unreadable file={} reason=\"{}\"", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps a verified closure, and its result's bytes beside it for {@link #marksBefore}. */
    synchronized void keep(Closure closure) throws IOException {
        DurableFile.replace(dir.resolve(closure.epoch() + ".result"), closure.result());
        DurableFile.replace(dir.resolve(closure.epoch() + ".cbor"), closure.encode());
        epochs.add(closure.epoch());
        latest.put(closure.epoch(), closure);
        while (latest.size() > IN_MEMORY) {
            latest.pollFirstEntry();
        }
    }

    synchronized Optional<Closure> get(long epoch) {
        Closure held = latest.get(epoch);
        if (held != null) {
            return Optional.of(held);
        }
        return epochs.contains(epoch) ? read(epoch) : Optional.empty();
    }

    /** The marks of the latest epoch closed before {@code epoch}: none if none is known. */
    synchronized List<Mark> marksBefore(long epoch) throws IOException {
        Long previous = epochs.lower(epoch);
        if (previous == null) {
            return List.of();
        }
        return SettlementRecord.previous(dir.resolve(previous + ".result")).marks();
    }

    /** The latest closed epochs, at most {@link #IN_MEMORY}, oldest first. */
    synchronized Map<Long, Closure> latest() {
        return new TreeMap<>(latest);
    }

    /** How many closed epochs are kept. */
    synchronized int count() {
        return epochs.size();
    }
}
