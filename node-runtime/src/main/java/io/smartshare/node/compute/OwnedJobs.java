package io.smartshare.node.compute;

import io.smartshare.ledger.storage.DurableFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs this node had run elsewhere, in {@code <data-dir>/compute/owned/}: {@code <id>.cbor}
 * ({@link OwnedJob}, replaced durably at every change) and {@code <id>.output} (the verified
 * output). The last {@value #KEPT} are kept. Thread-safe.
 */
final class OwnedJobs {
    private static final Logger LOG = LoggerFactory.getLogger(OwnedJobs.class);
    static final String DIRECTORY = "owned";
    static final int KEPT = 64;

    private final Path dir;
    private final Map<String, OwnedJob> jobs = new LinkedHashMap<>();
    private volatile List<OwnedJob> snapshot = List.of();

    private OwnedJobs(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens the records under {@code computeDir}; a job that had not finished when the node
     * stopped is marked failed.
     *
     * @throws IOException if the directory cannot be read
     */
    static OwnedJobs open(Path computeDir, long now) throws IOException {
        OwnedJobs store = new OwnedJobs(computeDir.resolve(DIRECTORY));
        Files.createDirectories(store.dir);
        List<Path> records;
        try (Stream<Path> list = Files.list(store.dir)) {
            records = list.filter(p -> p.getFileName().toString().endsWith(".cbor")).toList();
        }
        List<OwnedJob> loaded = new ArrayList<>();
        for (Path record : records) {
            try {
                loaded.add(OwnedJob.decode(Files.readAllBytes(record)));
            } catch (IOException | RuntimeException e) {
                LOG.warn("event=compute-record-unreadable file={} reason=\"{}\"", record, e.getMessage());
            }
        }
        loaded.sort(Comparator.comparingLong(OwnedJob::startedAt));
        for (OwnedJob job : loaded) {
            store.jobs.put(job.id(), job.finished() ? job : job.withState("failed", "the node stopped during the job",
                    now));
        }
        store.snapshot = List.copyOf(store.jobs.values());
        return store;
    }

    /**
     * Records {@code job} (new or changed) durably.
     *
     * @throws UncheckedIOException if the record cannot be written
     */
    synchronized void put(OwnedJob job) {
        try {
            DurableFile.replace(dir.resolve(job.id() + ".cbor"), job.encode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record compute job " + job.id(), e);
        }
        jobs.put(job.id(), job);
        List<String> ids = new ArrayList<>(jobs.keySet());
        for (int i = 0; i < ids.size() - KEPT; i++) {
            jobs.remove(ids.get(i));
            try {
                Files.deleteIfExists(dir.resolve(ids.get(i) + ".cbor"));
                Files.deleteIfExists(output(ids.get(i)));
            } catch (IOException e) {
                LOG.warn("event=compute-record-undeleted id={} reason=\"{}\"", ids.get(i), e.getMessage());
            }
        }
        snapshot = List.copyOf(jobs.values());
    }

    /** Where the verified output of {@code id} is kept. */
    Path output(String id) {
        return dir.resolve(id + ".output");
    }

    /** The job {@code id}, or the one whose id starts with it. */
    Optional<OwnedJob> find(String id) {
        return snapshot.stream().filter(j -> j.id().equals(id)).findFirst()
                .or(() -> snapshot.stream().filter(j -> !id.isEmpty() && j.id().startsWith(id)).findFirst());
    }

    /** Every job, oldest first. */
    List<OwnedJob> all() {
        return snapshot;
    }
}
