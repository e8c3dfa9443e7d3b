package io.smartshare.contracts.beacon;

import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.settlement.MemberCheckpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import java.util.List;

/**
 * A submission the beacon accepted ({@link SubmissionCheck}): the member's checkpoint, as the
 * signed note and as settlement's reference, and its receipts, each proven in that checkpoint.
 */
public record CheckedSubmission(SignedCheckpoint note, MemberCheckpoint checkpoint, List<SignedReceipt> receipts) {
    public CheckedSubmission {
        receipts = List.copyOf(receipts);
    }
}
