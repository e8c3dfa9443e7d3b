package io.smartshare.node.compute;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.compute.ComputeJob;
import io.smartshare.contracts.compute.ComputeResult;
import io.smartshare.contracts.compute.ComputeTask;
import io.smartshare.contracts.compute.ComputeUnits;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.storage.DurableFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's jobs (docs/compute.md, "Provider"), in {@code <data-dir>/compute/jobs/<id>/}:
 * {@code job.cose} (the consumer's signed job), {@code data.part} while the module and the
 * input arrive (in order, module first), then {@code result.cose} (the signed result) and
 * {@code output}, or {@code refused} (why the module may not run). At most {@link
 * Limits#queue} jobs are receiving, queued or running at once ({@code QUEUE_FULL} beyond);
 * a job whose data stops coming for {@value #IDLE_MILLIS} ms is dropped; the last {@value
 * #KEPT} finished jobs are kept for their consumers to fetch. A job that had not finished when
 * the node stopped is dropped at the next start (its consumer sends it again). Thread-safe:
 * disk work runs on the caller's thread (the service's I/O thread), runs on the job thread.
 */
final class ProviderJobs {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderJobs.class);
    static final String DIRECTORY = "jobs";
    static final long IDLE_MILLIS = 60_000;
    static final int KEPT = 64;
    private static final String JOB = "job.cose";
    private static final String DATA = "data.part";
    private static final String RESULT = "result.cose";
    private static final String OUTPUT = "output";
    private static final String REFUSED = "refused";

    /** What this provider takes. */
    record Limits(long maxModuleBytes, long maxInputBytes, int maxPages, long maxFuel, int queue) {
    }

    /** Why a request about a job was refused; each maps to one CoAP code. */
    enum Refusal {
        UNKNOWN, QUEUE_FULL, TOO_LARGE, OUT_OF_ORDER, MISMATCH, NOT_FINISHED, DISK
    }

    /** Where a job is. */
    enum State {
        RECEIVING, QUEUED, RUNNING, DONE, REFUSED
    }

    /** One job as it is now. */
    record Job(ComputeJob job, State state, long received, long lastActivity, Optional<ComputeResult> result,
            Optional<byte[]> signedResult, String refusal) {
        long total() {
            return job.task().moduleSize() + job.task().inputSize();
        }

        Job with(State next, long bytes, long at) {
            return new Job(job, next, bytes, at, result, signedResult, refusal);
        }
    }

    private final Path dir;
    private final Limits limits;
    private final NodeIdentity identity;
    private final JobRunner runner;
    private final Executor runs;
    private final LongSupplier clock;
    private final InstructionTotals provided;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private volatile List<Job> snapshot = List.of();

    private ProviderJobs(Path dir, Limits limits, NodeIdentity identity, JobRunner runner, Executor runs,
            LongSupplier clock, InstructionTotals provided) {
        this.dir = dir;
        this.limits = limits;
        this.identity = identity;
        this.runner = runner;
        this.runs = runs;
        this.clock = clock;
        this.provided = provided;
    }

    /**
     * Opens the jobs under {@code computeDir}: finished ones are kept, unfinished ones dropped.
     *
     * @throws IOException if the directory cannot be read or written
     */
    static ProviderJobs open(Path computeDir, Limits limits, NodeIdentity identity, JobRunner runner, Executor runs,
            LongSupplier clock, InstructionTotals provided) throws IOException {
        ProviderJobs store = new ProviderJobs(computeDir.resolve(DIRECTORY), limits, identity, runner, runs, clock,
                provided);
        Files.createDirectories(store.dir);
        List<Path> entries;
        try (Stream<Path> list = Files.list(store.dir)) {
            entries = list.sorted(Comparator.comparing(ProviderJobs::modified)).toList();
        }
        for (Path entry : entries) {
            try {
                ComputeJob job = ComputeJob.decode(Files.readAllBytes(entry.resolve(JOB)));
                if (Files.exists(entry.resolve(RESULT))) {
                    byte[] signed = Files.readAllBytes(entry.resolve(RESULT));
                    ComputeResult result = ComputeResult.decode(CoseSign1.decode(Domain.COMPUTE_RESULT, signed).payload());
                    store.jobs.put(job.idHex(), new Job(job, State.DONE, job.task().moduleSize() + job.task().inputSize(),
                            modified(entry), Optional.of(result), Optional.of(signed), ""));
                } else if (Files.exists(entry.resolve(REFUSED))) {
                    store.jobs.put(job.idHex(), new Job(job, State.REFUSED, 0, modified(entry), Optional.empty(),
                            Optional.empty(), Files.readString(entry.resolve(REFUSED), StandardCharsets.UTF_8)));
                } else {
                    delete(entry);
                }
            } catch (IOException | ContractException e) {
                LOG.warn("event=compute-job-dropped dir={} reason=\"{}\"", entry, e.getMessage());
                delete(entry);
            }
        }
        store.publish();
        return store;
    }

    /**
     * Takes {@code job} (already checked: for this node, signed by its consumer) if it fits
     * this provider's limits and queue; a job it knows already is answered as it stands.
     */
    synchronized Outcome<Job, Refusal> submit(ComputeJob job) {
        Job known = jobs.get(job.idHex());
        if (known != null) {
            return Outcome.accepted(known);
        }
        ComputeTask task = job.task();
        if (task.moduleSize() > limits.maxModuleBytes() || task.inputSize() > limits.maxInputBytes()) {
            return Outcome.rejected(Refusal.TOO_LARGE, "OVERSIZED: module " + task.moduleSize() + " B and input "
                    + task.inputSize() + " B; this provider takes at most " + limits.maxModuleBytes() + " and "
                    + limits.maxInputBytes());
        }
        if (task.memoryPages() > limits.maxPages() || task.fuel() > limits.maxFuel()) {
            return Outcome.rejected(Refusal.TOO_LARGE, "LIMITS: " + task.memoryPages() + " pages and fuel "
                    + task.fuel() + "; this provider allows at most " + limits.maxPages() + " pages and fuel "
                    + limits.maxFuel());
        }
        if (active() >= limits.queue()) {
            return Outcome.rejected(Refusal.QUEUE_FULL, "QUEUE_FULL: " + limits.queue()
                    + " jobs are waiting or running here; send it again later");
        }
        Path home = dir.resolve(job.idHex());
        try {
            Files.createDirectories(home);
            DurableFile.replace(home.resolve(JOB), job.encode());
            Files.write(home.resolve(DATA), new byte[0]);
        } catch (IOException e) {
            delete(home);
            return Outcome.rejected(Refusal.DISK, "DISK: cannot keep the job: " + e.getMessage());
        }
        Job taken = new Job(job, State.RECEIVING, 0, clock.getAsLong(), Optional.empty(), Optional.empty(), "");
        put(taken);
        LOG.info("event=compute-job-taken id={} consumer={} module-bytes={} input-bytes={} fuel={}", job.idHex(),
                NodeId.of(job.consumer()), task.moduleSize(), task.inputSize(), task.fuel());
        return Outcome.accepted(taken);
    }

    /**
     * Appends {@code bytes} at offset {@code from} of the job's module and input; once all
     * arrived, checks both hashes and the module and queues the job to run.
     *
     * @return the job as it is after the write
     */
    synchronized Outcome<Job, Refusal> write(String id, long from, byte[] bytes) {
        Job job = jobs.get(id);
        if (job == null) {
            return Outcome.rejected(Refusal.UNKNOWN, "UNKNOWN: no compute job " + id + " here");
        }
        if (job.state() != State.RECEIVING || from != job.received()) {
            return Outcome.rejected(Refusal.OUT_OF_ORDER, "OUT_OF_ORDER: job " + id + " is "
                    + describe(job) + "; expected data from byte " + job.received());
        }
        if (bytes.length == 0 || from + bytes.length > job.total()) {
            return Outcome.rejected(Refusal.TOO_LARGE, "TOO_LARGE: job " + id + " has " + job.total()
                    + " bytes of module and input; this write ends at " + (from + bytes.length));
        }
        Path data = dir.resolve(id).resolve(DATA);
        try {
            Files.write(data, bytes, StandardOpenOption.APPEND);
        } catch (IOException e) {
            return Outcome.rejected(Refusal.DISK, "DISK: " + e.getMessage());
        }
        long received = from + bytes.length;
        long now = clock.getAsLong();
        if (received < job.total()) {
            return Outcome.accepted(put(job.with(State.RECEIVING, received, now)));
        }
        byte[] all;
        try {
            all = Files.readAllBytes(data);
        } catch (IOException e) {
            return Outcome.rejected(Refusal.DISK, "DISK: " + e.getMessage());
        }
        ComputeTask task = job.job().task();
        int moduleSize = (int) task.moduleSize();
        if (!Arrays.equals(Sha256.of(Arrays.copyOf(all, moduleSize)), task.moduleHash())
                || !Arrays.equals(Sha256.of(Arrays.copyOfRange(all, moduleSize, all.length)), task.inputHash())) {
            try {
                Files.write(data, new byte[0]);
            } catch (IOException e) {
                return Outcome.rejected(Refusal.DISK, "DISK: " + e.getMessage());
            }
            put(job.with(State.RECEIVING, 0, now));
            return Outcome.rejected(Refusal.MISMATCH, "MISMATCH: the module or input of job " + id
                    + " does not have the hash the job names; send it again from byte 0");
        }
        try {
            ModuleCheck.check(Arrays.copyOf(all, moduleSize), task, limits.maxModuleBytes());
        } catch (ModuleCheck.Refused e) {
            return Outcome.accepted(refuse(job, e.getMessage()));
        }
        Job queued = put(job.with(State.QUEUED, received, now));
        try {
            runs.execute(() -> run(id));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return Outcome.accepted(refuse(job, "QUEUE_FULL: the node is stopping or its job queue is full"));
        }
        return Outcome.accepted(queued);
    }

    /** Runs job {@code id} on the calling thread (the job thread), then keeps its signed result and output. */
    void run(String id) {
        Job job;
        synchronized (this) {
            job = jobs.get(id);
            if (job == null || job.state() != State.QUEUED) {
                return;
            }
            put(job.with(State.RUNNING, job.received(), clock.getAsLong()));
        }
        Path home = dir.resolve(id);
        ComputeTask task = job.job().task();
        Optional<JobRunner.Run> run;
        try {
            byte[] all = Files.readAllBytes(home.resolve(DATA));
            int moduleSize = (int) task.moduleSize();
            run = runner.run(Arrays.copyOf(all, moduleSize), Arrays.copyOfRange(all, moduleSize, all.length), task);
        } catch (ModuleCheck.Refused e) {
            synchronized (this) {
                refuse(job, e.getMessage());
            }
            return;
        } catch (IOException e) {
            synchronized (this) {
                refuse(job, "DISK: " + e.getMessage());
            }
            return;
        }
        if (run.isEmpty()) {
            return; // the node is stopping: dropped at the next start
        }
        ComputeResult result = run.get().result();
        byte[] signed = result.sign(identity).encode();
        try {
            Files.write(home.resolve(OUTPUT), run.get().output());
            DurableFile.replace(home.resolve(RESULT), signed);
            Files.deleteIfExists(home.resolve(DATA));
            provided.add(job.job().consumer(), result.instructions());
        } catch (IOException | UncheckedIOException e) {
            synchronized (this) {
                refuse(job, "DISK: the result could not be kept: " + e.getMessage());
            }
            return;
        }
        synchronized (this) {
            put(new Job(job.job(), State.DONE, job.received(), clock.getAsLong(), Optional.of(result),
                    Optional.of(signed), ""));
            trim();
        }
        LOG.info("event=compute-job-done id={} consumer={} outcome={} instructions={} cpu-ms={} output-bytes={}", id,
                NodeId.of(job.job().consumer()), result.outcome().label(), result.instructions(),
                ComputeUnits.cpuMillis(result.instructions()), result.outputSize());
    }

    /** The job {@code id} as it is now. */
    Optional<Job> find(String id) {
        return snapshot.stream().filter(j -> j.job().idHex().equals(id)).findFirst();
    }

    /** Up to {@code count} bytes of job {@code id}'s output from byte {@code from}. */
    Outcome<byte[], Refusal> output(String id, long from, int count) {
        Optional<Job> job = find(id);
        if (job.isEmpty()) {
            return Outcome.rejected(Refusal.UNKNOWN, "UNKNOWN: no compute job " + id + " here");
        }
        if (job.get().state() != State.DONE) {
            return Outcome.rejected(Refusal.NOT_FINISHED, "NOT_FINISHED: job " + id + " is " + describe(job.get()));
        }
        long size = job.get().result().orElseThrow().outputSize();
        if (from < 0 || from > size) {
            return Outcome.rejected(Refusal.OUT_OF_ORDER, "OUT_OF_ORDER: the output of " + id + " has " + size
                    + " bytes");
        }
        try (var channel = Files.newByteChannel(dir.resolve(id).resolve(OUTPUT))) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(count, size - from));
            channel.position(from);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // reads what is there
            }
            return Outcome.accepted(Arrays.copyOf(buffer.array(), buffer.position()));
        } catch (IOException e) {
            return Outcome.rejected(Refusal.DISK, "DISK: " + e.getMessage());
        }
    }

    /** Drops jobs whose data stopped coming {@value #IDLE_MILLIS} ms ago. */
    synchronized void expire() {
        long now = clock.getAsLong();
        for (Job job : new ArrayList<>(jobs.values())) {
            if (job.state() == State.RECEIVING && now - job.lastActivity() >= IDLE_MILLIS) {
                jobs.remove(job.job().idHex());
                delete(dir.resolve(job.job().idHex()));
                LOG.info("event=compute-job-dropped id={} reason=\"no data for {} s\"", job.job().idHex(),
                        IDLE_MILLIS / 1000);
            }
        }
        publish();
    }

    /** Every job, oldest first. */
    List<Job> all() {
        return snapshot;
    }

    /** Instructions run for every consumer so far. */
    InstructionTotals provided() {
        return provided;
    }

    /** How a job stands, in a few words: {@code receiving 8192 of 20000}, {@code queued}, {@code done}. */
    static String describe(Job job) {
        return switch (job.state()) {
            case RECEIVING -> "receiving " + job.received() + " of " + job.total();
            case QUEUED -> "queued";
            case RUNNING -> "running";
            case DONE -> "done";
            case REFUSED -> "refused: " + job.refusal();
        };
    }

    private Job refuse(Job job, String reason) {
        Path home = dir.resolve(job.job().idHex());
        try {
            Files.writeString(home.resolve(REFUSED), reason, StandardCharsets.UTF_8);
            Files.deleteIfExists(home.resolve(DATA));
        } catch (IOException e) {
            LOG.warn("event=compute-job-unrecorded id={} reason=\"{}\"", job.job().idHex(), e.getMessage());
        }
        LOG.info("event=compute-job-refused id={} consumer={} reason=\"{}\"", job.job().idHex(),
                NodeId.of(job.job().consumer()), reason);
        Job refused = new Job(job.job(), State.REFUSED, 0, clock.getAsLong(), Optional.empty(), Optional.empty(), reason);
        put(refused);
        trim();
        return refused;
    }

    private int active() {
        return (int) jobs.values().stream().filter(j -> j.state() == State.RECEIVING || j.state() == State.QUEUED
                || j.state() == State.RUNNING).count();
    }

    /** Keeps the last {@value #KEPT} finished jobs. */
    private void trim() {
        List<Job> finished = jobs.values().stream().filter(j -> j.state() == State.DONE || j.state() == State.REFUSED)
                .toList();
        for (int i = 0; i < finished.size() - KEPT; i++) {
            String id = finished.get(i).job().idHex();
            jobs.remove(id);
            delete(dir.resolve(id));
        }
        publish();
    }

    private Job put(Job job) {
        jobs.remove(job.job().idHex());
        jobs.put(job.job().idHex(), job);
        publish();
        return job;
    }

    private void publish() {
        snapshot = List.copyOf(jobs.values());
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void delete(Path home) {
        try (Stream<Path> files = Files.list(home)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(home);
        } catch (IOException e) {
            LOG.warn("event=compute-job-undeleted dir={} reason=\"{}\"", home, e.getMessage());
        }
    }
}
