package io.smartshare.contracts.compute;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.Sha256;
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
 * A consumer's request that a provider run a {@link ComputeTask} (docs/contracts.md §17.1),
 * signed by the consumer (domain {@code smartshare/compute-job/v1}) over {@code {0: 1, 1:
 * consumer, 2: provider, 3: task, 4: price, 5: nonce}}; the price is µT per million
 * instructions. Its id is the first 16 bytes of SHA-256 of the payload.
 *
 * @param signed the consumer's COSE_Sign1
 * @param consumer who asks and pays
 * @param provider who runs it
 * @param task what to run
 * @param pricePerMillion µT per million instructions executed
 */
public record ComputeJob(CoseSign1 signed, Ed25519PublicKey consumer, Ed25519PublicKey provider, ComputeTask task,
        long pricePerMillion) {
    /** Length of a job id in bytes. */
    public static final int ID_LENGTH = 16;
    /** Length of the nonce in bytes. */
    public static final int NONCE_LENGTH = 16;
    private static final String DOCUMENT = "compute job";

    public ComputeJob {
        if (consumer.equals(provider)) {
            throw new ContractException(DOCUMENT + ": consumer and provider are the same key " + consumer);
        }
    }

    /** The consumer signs a job for {@code provider}. */
    public static ComputeJob sign(NodeIdentity consumer, Ed25519PublicKey provider, ComputeTask task,
            long pricePerMillion, byte[] nonce) {
        if (nonce.length != NONCE_LENGTH) {
            throw new ContractException(DOCUMENT + ": nonce must be " + NONCE_LENGTH + " bytes");
        }
        byte[] payload = Cbor.encode(CborMap.builder().put(0, 1).put(1, consumer.publicKey().encoded())
                .put(2, provider.encoded()).put(3, task.toCbor()).put(4, pricePerMillion).put(5, nonce).build());
        return new ComputeJob(CoseSign1.sign(Domain.COMPUTE_JOB, payload, consumer), consumer.publicKey(), provider,
                task, pricePerMillion);
    }

    /**
     * Checks a job as a provider receives it: a COSE_Sign1 of this domain naming a task
     * (MALFORMED), for this provider (WRONG_PROVIDER), signed by the consumer it names
     * (BAD_SIGNATURE).
     */
    public static Outcome<ComputeJob, ComputeRejection> accept(byte[] wire, Ed25519PublicKey provider) {
        ComputeJob job;
        try {
            job = decode(wire);
        } catch (ContractException e) {
            return Outcome.rejected(ComputeRejection.MALFORMED, e.getMessage());
        }
        if (!job.provider.equals(provider)) {
            return Outcome.rejected(ComputeRejection.WRONG_PROVIDER, DOCUMENT + " " + job.idHex() + " is for "
                    + job.provider + ", not this node");
        }
        if (!job.signed.verifiedBy(job.consumer)) {
            return Outcome.rejected(ComputeRejection.BAD_SIGNATURE, DOCUMENT + " " + job.idHex()
                    + ": not signed by its consumer " + job.consumer);
        }
        return Outcome.accepted(job);
    }

    /**
     * Reads a job's COSE_Sign1 without checking the signature (a consumer reading its own).
     *
     * @throws ContractException naming what breaks §17.1
     */
    public static ComputeJob decode(byte[] wire) {
        CoseSign1 signed = CoseSign1.decode(Domain.COMPUTE_JOB, wire);
        CborFields f = CborFields.of(CborFields.decode(signed.payload(), DOCUMENT), DOCUMENT, 6);
        f.requireUint(0, "version", 1);
        f.bytes(5, "nonce", NONCE_LENGTH);
        return new ComputeJob(signed, f.publicKey(1, "consumer"), f.publicKey(2, "provider"),
                ComputeTask.fromCbor(f.value(3)), f.uint(4, "price"));
    }

    /** The first 16 bytes of SHA-256 of the signed payload. */
    public byte[] id() {
        return Arrays.copyOf(Sha256.of(signed.payload()), ID_LENGTH);
    }

    /** The id in lower-case hex, as resources and commands show it. */
    public String idHex() {
        return HexFormat.of().formatHex(id());
    }

    /** The COSE_Sign1 bytes sent to the provider. */
    public byte[] encode() {
        return signed.encode();
    }

    @Override
    public String toString() {
        return "ComputeJob[" + idHex() + ", consumer=" + consumer + ", provider=" + provider + ", " + task + ", "
                + pricePerMillion + " µT per 10^6 instructions]";
    }
}
