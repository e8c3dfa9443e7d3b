package io.smartshare.contracts.compute;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What is to be computed, and nothing about who asks or who runs it (docs/contracts.md
 * §17.1): the module and the input (by hash and size), the fuel and memory limits, and the
 * clock and random seed the job sees. Equal tasks give equal results on every provider, so
 * a result names its task by {@link #hash()} and a re-run elsewhere can be compared byte for
 * byte.
 *
 * @param moduleHash SHA-256 of the WebAssembly module
 * @param moduleSize the module's length in bytes, {@code > 0}
 * @param inputHash SHA-256 of the input (the job's stdin)
 * @param inputSize the input's length in bytes, {@code ≥ 0}
 * @param fuel the most WebAssembly instructions the job may execute, {@code > 0}
 * @param memoryPages the most 64 KiB pages of linear memory it may have, 1 to 65 536
 * @param clockMillis what WASI's clocks answer (Unix ms), fixed for the whole run
 * @param seed 16 bytes that seed WASI's {@code random_get}
 */
public record ComputeTask(byte[] moduleHash, long moduleSize, byte[] inputHash, long inputSize, long fuel,
        int memoryPages, long clockMillis, byte[] seed) {
    /** Length of a hash in bytes. */
    public static final int HASH_LENGTH = 32;
    /** Length of the seed in bytes. */
    public static final int SEED_LENGTH = 16;
    /** WebAssembly's own bound on 32-bit memories. */
    public static final int MAX_PAGES = 65_536;
    private static final String DOCUMENT = "compute task";

    public ComputeTask {
        moduleHash = moduleHash.clone();
        inputHash = inputHash.clone();
        seed = seed.clone();
        if (moduleHash.length != HASH_LENGTH || inputHash.length != HASH_LENGTH) {
            throw new ContractException(DOCUMENT + ": module and input hashes must be " + HASH_LENGTH + " bytes");
        }
        if (moduleSize <= 0 || inputSize < 0) {
            throw new ContractException(DOCUMENT + ": module size must be > 0 and input size >= 0, found "
                    + moduleSize + " and " + inputSize);
        }
        if (fuel <= 0) {
            throw new ContractException(DOCUMENT + ": fuel must be > 0, found " + fuel);
        }
        if (memoryPages < 1 || memoryPages > MAX_PAGES) {
            throw new ContractException(DOCUMENT + ": memory limit must be 1 to " + MAX_PAGES + " pages, found "
                    + memoryPages);
        }
        if (clockMillis < 0) {
            throw new ContractException(DOCUMENT + ": clock must be >= 0, found " + clockMillis);
        }
        if (seed.length != SEED_LENGTH) {
            throw new ContractException(DOCUMENT + ": seed must be " + SEED_LENGTH + " bytes, found " + seed.length);
        }
    }

    @Override
    public byte[] moduleHash() {
        return moduleHash.clone();
    }

    @Override
    public byte[] inputHash() {
        return inputHash.clone();
    }

    @Override
    public byte[] seed() {
        return seed.clone();
    }

    /** The CBOR map {@code {0: module hash, 1: module size, 2: input hash, 3: input size, 4: fuel, 5: pages, 6: clock, 7: seed}}. */
    public CborMap toCbor() {
        return CborMap.builder().put(0, moduleHash).put(1, moduleSize).put(2, inputHash).put(3, inputSize)
                .put(4, fuel).put(5, memoryPages).put(6, clockMillis).put(7, seed).build();
    }

    /** SHA-256 of {@link #toCbor()}'s deterministic encoding: what a result names. */
    public byte[] hash() {
        return Sha256.of(Cbor.encode(toCbor()));
    }

    /**
     * Reads the map {@link #toCbor()} writes.
     *
     * @throws ContractException naming the field that breaks §17.1
     */
    public static ComputeTask fromCbor(CborValue value) {
        CborFields f = CborFields.of(value, DOCUMENT, 8);
        long pages = f.uint(5, "memory pages");
        if (pages > MAX_PAGES) {
            throw new ContractException(DOCUMENT + ": memory limit must be 1 to " + MAX_PAGES + " pages, found " + pages);
        }
        return new ComputeTask(f.bytes(0, "module hash", HASH_LENGTH), f.uint(1, "module size"),
                f.bytes(2, "input hash", HASH_LENGTH), f.uint(3, "input size"), f.uint(4, "fuel"), (int) pages,
                f.uint(6, "clock"), f.bytes(7, "seed", SEED_LENGTH));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComputeTask t && Arrays.equals(hash(), t.hash());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash());
    }

    @Override
    public String toString() {
        return "ComputeTask[module=" + HexFormat.of().formatHex(moduleHash) + " (" + moduleSize + " B), input="
                + HexFormat.of().formatHex(inputHash) + " (" + inputSize + " B), fuel=" + fuel + ", pages=" + memoryPages
                + ", clock=" + clockMillis + "]";
    }
}
