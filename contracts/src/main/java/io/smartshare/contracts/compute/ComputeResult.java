package io.smartshare.contracts.compute;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a run of a {@link ComputeTask} gave (docs/contracts.md §17.2): {@code {0: 1, 1: task
 * hash, 2: module hash, 3: input hash, 4: output hash, 5: output size, 6: instructions, 7:
 * outcome, 8: exit code, 9: peak memory pages}}. It names no provider, so two honest runs of
 * one task give the same bytes ({@link #payload()}); a provider signs it (domain {@code
 * smartshare/compute-result/v1}) to answer a job.
 *
 * @param task the task's hash
 * @param moduleHash SHA-256 of the module run
 * @param inputHash SHA-256 of the input
 * @param outputHash SHA-256 of what it wrote to stdout
 * @param outputSize how many bytes that is
 * @param instructions WebAssembly instructions executed, at most the task's fuel
 * @param outcome how the run ended
 * @param exitCode the exit code for {@link ComputeOutcome#EXITED}, else 0
 * @param peakPages the most 64 KiB memory pages it had
 */
public record ComputeResult(byte[] task, byte[] moduleHash, byte[] inputHash, byte[] outputHash, long outputSize,
        long instructions, ComputeOutcome outcome, long exitCode, long peakPages) {
    private static final String DOCUMENT = "compute result";

    public ComputeResult {
        task = task.clone();
        moduleHash = moduleHash.clone();
        inputHash = inputHash.clone();
        outputHash = outputHash.clone();
        for (byte[] hash : new byte[][] {task, moduleHash, inputHash, outputHash}) {
            if (hash.length != ComputeTask.HASH_LENGTH) {
                throw new ContractException(DOCUMENT + ": hashes must be " + ComputeTask.HASH_LENGTH + " bytes");
            }
        }
        if (outputSize < 0 || instructions < 0 || exitCode < 0 || peakPages < 0) {
            throw new ContractException(DOCUMENT + ": sizes and counts must be >= 0");
        }
    }

    @Override
    public byte[] task() {
        return task.clone();
    }

    @Override
    public byte[] outputHash() {
        return outputHash.clone();
    }

    @Override
    public byte[] moduleHash() {
        return moduleHash.clone();
    }

    @Override
    public byte[] inputHash() {
        return inputHash.clone();
    }

    /** The deterministic CBOR payload: equal for equal runs of one task, wherever they ran. */
    public byte[] payload() {
        return Cbor.encode(CborMap.builder().put(0, 1).put(1, task).put(2, moduleHash).put(3, inputHash)
                .put(4, outputHash).put(5, outputSize).put(6, instructions).put(7, outcome.code()).put(8, exitCode)
                .put(9, peakPages).build());
    }

    /** The provider's signature over {@link #payload()}. */
    public CoseSign1 sign(NodeIdentity provider) {
        return CoseSign1.sign(Domain.COMPUTE_RESULT, payload(), provider);
    }

    /**
     * Reads a payload.
     *
     * @throws ContractException naming the field that breaks §17.2
     */
    public static ComputeResult decode(byte[] payload) {
        CborFields f = CborFields.of(CborFields.decode(payload, DOCUMENT), DOCUMENT, 10);
        f.requireUint(0, "version", 1);
        long code = f.uint(7, "outcome");
        ComputeOutcome outcome = ComputeOutcome.ofCode(code).orElseThrow(() -> new ContractException(DOCUMENT
                + ": outcome " + code + " is not 0 to 4"));
        int h = ComputeTask.HASH_LENGTH;
        return new ComputeResult(f.bytes(1, "task", h), f.bytes(2, "module hash", h), f.bytes(3, "input hash", h),
                f.bytes(4, "output hash", h), f.uint(5, "output size"), f.uint(6, "instructions"), outcome,
                f.uint(8, "exit code"), f.uint(9, "peak pages"));
    }

    /**
     * Checks a signed result as the consumer receives it for {@code task}: a COSE_Sign1 of this
     * domain (MALFORMED), signed by {@code provider} (BAD_SIGNATURE), naming this task, its module
     * and input, within its fuel and memory (NOT_THE_TASK).
     */
    public static Outcome<ComputeResult, ComputeRejection> check(byte[] wire, Ed25519PublicKey provider,
            ComputeTask task) {
        CoseSign1 signed;
        ComputeResult result;
        try {
            signed = CoseSign1.decode(Domain.COMPUTE_RESULT, wire);
            result = decode(signed.payload());
        } catch (ContractException e) {
            return Outcome.rejected(ComputeRejection.MALFORMED, e.getMessage());
        }
        if (!signed.verifiedBy(provider)) {
            return Outcome.rejected(ComputeRejection.BAD_SIGNATURE, DOCUMENT + ": not signed by provider " + provider);
        }
        if (!Arrays.equals(result.task, task.hash()) || !Arrays.equals(result.moduleHash, task.moduleHash())
                || !Arrays.equals(result.inputHash, task.inputHash()) || result.instructions > task.fuel()
                || result.peakPages > task.memoryPages()) {
            return Outcome.rejected(ComputeRejection.NOT_THE_TASK, DOCUMENT + " for task "
                    + HexFormat.of().formatHex(result.task) + " does not answer task "
                    + HexFormat.of().formatHex(task.hash()) + " within its limits");
        }
        return Outcome.accepted(result);
    }

    /** True if {@code other} is the same result, byte for byte: what verification demands. */
    public boolean agrees(ComputeResult other) {
        return Arrays.equals(payload(), other.payload());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComputeResult r && agrees(r);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload());
    }

    @Override
    public String toString() {
        return "ComputeResult[" + outcome.label() + (outcome == ComputeOutcome.EXITED ? " " + exitCode : "") + ", "
                + instructions + " instructions, output " + outputSize + " B " + HexFormat.of().formatHex(outputHash)
                + ", " + peakPages + " pages]";
    }
}
