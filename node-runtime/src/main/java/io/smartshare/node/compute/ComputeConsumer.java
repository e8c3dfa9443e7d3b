package io.smartshare.node.compute;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.compute.ComputeEvidence;
import io.smartshare.contracts.compute.ComputeJob;
import io.smartshare.contracts.compute.ComputeRejection;
import io.smartshare.contracts.compute.ComputeResult;
import io.smartshare.contracts.compute.ComputeTask;
import io.smartshare.contracts.compute.ComputeUnits;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.ledger.LedgerAppend;
import io.smartshare.node.mesh.coap.PeerLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has a job run elsewhere and verified (docs/compute.md, "Verification and pay"): the same
 * task goes to the provider and to {@code copies − 1} verifiers (other providers, or this
 * node's own run when the operator names too few), each with its own signed job; the verdict
 * is {@code verified} only if every signed result is the same bytes. Then each remote
 * provider's instructions are added to the {@code cpu} this node consumed from it, and the
 * receipts follow as for any resource; otherwise the disagreement goes into this node's
 * ledger as evidence ({@link ComputeEvidence}) and nobody is paid for the job. Runs on the
 * service's consumer thread.
 */
final class ComputeConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeConsumer.class);
    private static final long POLL_MILLIS = 250;

    /** What the consumer offers and waits for. */
    record Terms(long pricePerMillion, int copies, long waitMillis, long maxModuleBytes, long maxInputBytes) {
    }

    /** A request of the operator's that cannot be carried out; the message says why. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** One place the task runs: a provider with its job, or this node. */
    record Copy(Optional<NodeId> provider, Optional<Ed25519PublicKey> key, Optional<ComputeJob> job) {
        String name() {
            return provider.map(NodeId::value).orElse(OwnedJob.LOCAL);
        }
    }

    /** A job ready to go: read, signed and recorded. */
    record Prepared(OwnedJob record, ComputeTask task, byte[] module, byte[] input, List<Copy> copies,
            Optional<Path> out) {
    }

    private final NodeIdentity identity;
    private final Ledger ledger;
    private final PeerLink link;
    private final JobRunner local;
    private final OwnedJobs owned;
    private final InstructionTotals verified;
    private final Terms terms;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();

    ComputeConsumer(NodeIdentity identity, Ledger ledger, PeerLink link, JobRunner local, OwnedJobs owned,
            InstructionTotals verified, Terms terms, LongSupplier clock) {
        this.identity = identity;
        this.ledger = ledger;
        this.link = link;
        this.local = local;
        this.owned = owned;
        this.verified = verified;
        this.terms = terms;
        this.clock = clock;
    }

    /**
     * Reads the module and input, asks each provider for its key, signs a job for each and
     * records the job as {@code sending}.
     *
     * @throws Refused if the files, limits or verifiers do not make a job, or a provider cannot be reached
     */
    Prepared prepare(Path modulePath, Optional<Path> inputPath, NodeId on, List<NodeId> verifyOn, long fuel, int pages,
            Optional<Path> out) throws Refused {
        byte[] module = read(modulePath, terms.maxModuleBytes(), "module");
        byte[] input = inputPath.isPresent() ? read(inputPath.get(), terms.maxInputBytes(), "input") : new byte[0];
        int needed = terms.copies() - 1;
        boolean runsHere = verifyOn.size() < needed;
        if (verifyOn.size() + (runsHere ? 1 : 0) < needed) {
            throw new Refused(terms.copies() + " copies need " + needed + " verifiers; name " + (needed - 1)
                    + " with verify-on (this node is the last)");
        }
        List<NodeId> remote = new ArrayList<>(List.of(on));
        remote.addAll(verifyOn);
        if (remote.stream().distinct().count() != remote.size() || remote.contains(NodeId.of(identity.publicKey()))) {
            throw new Refused("the provider and verifiers must be distinct nodes other than this one");
        }
        byte[] seed = new byte[ComputeTask.SEED_LENGTH];
        random.nextBytes(seed);
        ComputeTask task;
        try {
            task = new ComputeTask(Sha256.of(module), module.length, Sha256.of(input), input.length, fuel, pages,
                    clock.getAsLong(), seed);
        } catch (RuntimeException e) {
            throw new Refused(e.getMessage());
        }
        List<Copy> copies = new ArrayList<>();
        for (NodeId node : remote) {
            Ed25519PublicKey key;
            try {
                key = link.publicKey(node);
            } catch (PeerLink.Failure e) {
                throw new Refused(e.getMessage());
            }
            byte[] nonce = new byte[ComputeJob.NONCE_LENGTH];
            random.nextBytes(nonce);
            copies.add(new Copy(Optional.of(node), Optional.of(key), Optional.of(ComputeJob.sign(identity, key, task,
                    terms.pricePerMillion(), nonce))));
        }
        if (runsHere) {
            copies.add(new Copy(Optional.empty(), Optional.empty(), Optional.empty()));
        }
        Copy primary = copies.get(0);
        OwnedJob record = new OwnedJob(primary.job().orElseThrow().idHex(), on.value(), copies.subList(1, copies.size())
                .stream().map(Copy::name).toList(), "sending", "sending the module and input", 0, "", 0,
                "", 0, 0, clock.getAsLong(), 0);
        owned.put(record);
        return new Prepared(record, task, module, input, copies, out);
    }

    /** Runs the prepared job everywhere, compares, and pays or records the disagreement. */
    void finish(Prepared job) {
        OwnedJob record = job.record();
        try {
            record = verdict(job);
        } catch (PeerLink.Failure | Refused e) {
            record = record.withState("failed", e.getMessage(), clock.getAsLong());
            LOG.warn("event=compute-failed id={} reason=\"{}\"", record.id(), e.getMessage());
        } catch (ModuleCheck.Refused e) {
            record = record.withState("failed", "this node refused to run it: " + e.getMessage(), clock.getAsLong());
        }
        owned.put(record);
    }

    private OwnedJob verdict(Prepared job) throws PeerLink.Failure, Refused, ModuleCheck.Refused {
        byte[] data = new byte[job.module().length + job.input().length];
        System.arraycopy(job.module(), 0, data, 0, job.module().length);
        System.arraycopy(job.input(), 0, data, job.module().length, job.input().length);
        List<ProviderCalls> calls = new ArrayList<>();
        for (Copy copy : job.copies()) {
            if (copy.provider().isPresent()) {
                ProviderCalls call = new ProviderCalls(link, copy.provider().get(), copy.job().get());
                call.send(data);
                calls.add(call);
            }
        }
        owned.put(job.record().withState("running", "sent to " + calls.size() + " provider(s)", clock.getAsLong()));
        List<CoseSign1> signed = new ArrayList<>();
        List<ComputeResult> results = new ArrayList<>();
        for (Copy copy : job.copies()) {
            if (copy.provider().isEmpty()) {
                JobRunner.Run run = local.run(job.module(), job.input(), job.task()).orElseThrow(() -> new Refused(
                        "this node is stopping"));
                results.add(run.result());
                signed.add(run.result().sign(identity));
            }
        }
        long deadline = clock.getAsLong() + terms.waitMillis();
        for (int i = 0; i < calls.size(); i++) {
            Copy copy = job.copies().get(i);
            byte[] wire = await(calls.get(i), copy, deadline);
            Outcome<ComputeResult, ComputeRejection> checked = ComputeResult.check(wire, copy.key().get(), job.task());
            if (checked.rejection().isPresent()) {
                throw new Refused(copy.name() + "'s result was refused: " + checked.rejection().get().reason() + ": "
                        + checked.rejection().get().detail());
            }
            results.add(i, checked.acceptedValue().get());
            signed.add(i, CoseSign1.decode(Domain.COMPUTE_RESULT, wire));
        }
        ComputeResult first = results.get(0);
        List<Integer> differing = new ArrayList<>();
        for (int i = 1; i < results.size(); i++) {
            if (!first.agrees(results.get(i))) {
                differing.add(i);
            }
        }
        long now = clock.getAsLong();
        OwnedJob record = job.record();
        if (!differing.isEmpty()) {
            for (int i : differing) {
                String reason = job.copies().get(0).name() + " answered " + first + "; "
                        + job.copies().get(i).name() + " answered " + results.get(i);
                LedgerAppend.durably(ledger, ComputeEvidence.ledgerEntry(HexFormat.of().parseHex(record.id()),
                        signed.get(0), signed.get(i), now, reason, identity));
                LOG.warn("event=compute-disagreed id={} reason=\"{}\"", record.id(), reason);
            }
            return withResult(record, first, 0).withState("disagreed", "the results disagree; evidence in the"
                    + " ledger, nobody is paid for this job", now);
        }
        byte[] output = calls.get(0).output(first.outputSize());
        if (!Arrays.equals(Sha256.of(output), first.outputHash())) {
            throw new Refused("the output read from " + record.provider() + " does not have the hash its result signs");
        }
        keep(record.id(), output, job.out());
        for (Copy copy : job.copies()) {
            copy.key().ifPresent(key -> verified.add(key, first.instructions()));
        }
        LOG.info("event=compute-verified id={} provider={} copies={} instructions={} cpu-ms={}", record.id(),
                record.provider(), results.size(), first.instructions(), ComputeUnits.cpuMillis(first.instructions()));
        return withResult(record, first, ComputeUnits.due(first.instructions(), terms.pricePerMillion()))
                .withState("verified", results.size() + " runs agree", now);
    }

    private byte[] await(ProviderCalls call, Copy copy, long deadline) throws PeerLink.Failure, Refused {
        while (clock.getAsLong() < deadline) {
            Optional<byte[]> result = call.poll();
            if (result.isPresent()) {
                return result.get();
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Refused("this node is stopping");
            }
        }
        throw new Refused(copy.name() + " gave no result within " + terms.waitMillis() / 1000 + " s");
    }

    private void keep(String id, byte[] output, Optional<Path> out) throws Refused {
        try {
            Files.write(owned.output(id), output);
            if (out.isPresent()) {
                Path part = out.get().resolveSibling(out.get().getFileName() + ".part");
                Files.write(part, output);
                Files.move(part, out.get(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new Refused("the output could not be written: " + e.getMessage());
        }
    }

    private static OwnedJob withResult(OwnedJob r, ComputeResult result, long owed) {
        return new OwnedJob(r.id(), r.provider(), r.verifiers(), r.state(), r.detail(), result.instructions(),
                result.outcome().label(), result.exitCode(), HexFormat.of().formatHex(result.outputHash()),
                result.outputSize(), owed, r.startedAt(), r.endedAt());
    }

    private static byte[] read(Path file, long max, String what) throws Refused {
        try {
            long size = Files.size(file);
            if (size > max) {
                throw new Refused("the " + what + " " + file + " is " + size + " bytes; at most " + max);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Refused("cannot read the " + what + " " + file + ": " + e.getMessage());
        }
    }
}
