package io.smartshare.contracts.cose;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of signed document, each with the {@code external_aad} that separates its
 * signatures from every other kind's (docs/contracts.md §3).
 */
public enum Domain {
    RECEIPT("smartshare/receipt/v1"),
    CHANNEL_PROOF("smartshare/channel-proof/v1"),
    CHANNEL_OPEN("smartshare/channel-open/v1"),
    CHANNEL_CLOSE("smartshare/channel-close/v1"),
    SCHEDULE("smartshare/schedule/v1"),
    STORAGE_AGREEMENT("smartshare/storage-agreement/v1"),
    STORAGE_ANSWER("smartshare/storage-answer/v1"),
    STORAGE_EVIDENCE("smartshare/storage-evidence/v1"),
    COMPUTE_JOB("smartshare/compute-job/v1"),
    COMPUTE_RESULT("smartshare/compute-result/v1"),
    COMPUTE_EVIDENCE("smartshare/compute-evidence/v1"),
    FLEET_SUMMARY("smartshare/fleet-summary/v1"),
    SHARD("smartshare/shard/v1"),
    BEACON_SUBMISSION("smartshare/beacon-submission/v1");

    private final byte[] aad;

    Domain(String aad) {
        this.aad = aad.getBytes(StandardCharsets.US_ASCII);
    }

    /** The external_aad bytes (a copy). */
    public byte[] externalAad() {
        return aad.clone();
    }

    /** The domain whose external_aad is {@code aad}, if any. */
    public static Optional<Domain> ofExternalAad(byte[] aad) {
        return Arrays.stream(values()).filter(d -> Arrays.equals(d.aad, aad)).findFirst();
    }

    @Override
    public String toString() {
        return new String(aad, StandardCharsets.US_ASCII);
    }
}
