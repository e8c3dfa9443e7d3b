package io.smartshare.node.beacon;

import io.smartshare.contracts.beacon.Beacons;
import io.smartshare.contracts.beacon.Submission;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.merkle.ConsistencyProof;
import io.smartshare.node.mesh.coap.PeerLink;
import java.util.List;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;

/**
 * A beacon's requests to the other members over the mesh ({@link PeerLink}): their
 * submissions, their cosignatures, and epochs they know closed. Blocking: for the beacon
 * service's worker thread.
 */
class BeaconCalls {
    private final PeerLink link;

    BeaconCalls(PeerLink link) {
        this.link = link;
    }

    /** {@code GET /beacon/submission?epoch=E}: the member's signed submission (in pieces). */
    byte[] submission(NodeId member, long epoch) throws PeerLink.Failure {
        return link.readPieces(member, List.of("beacon", "submission"), "epoch=" + epoch,
                MediaTypeRegistry.APPLICATION_COSE_SIGN1, Submission.MAX_BYTES);
    }

    /** {@code POST /beacon/witness}: the member's cosignature of {@code note}, proven from {@code proof.from()}. */
    WitnessDesk.Answer witness(NodeId member, SignedCheckpoint note, ConsistencyProof proof) throws PeerLink.Failure {
        Request request = Request.newPost();
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_CBOR);
        request.setPayload(new WitnessRequest(note, proof).encode());
        try {
            byte[] answer = link.call(member, request, List.of("beacon", "witness")).getPayload();
            return new WitnessDesk.Cosigned(Beacons.note(answer, "cosigned beacon checkpoint"));
        } catch (PeerLink.Failure e) {
            if (e.code().filter(ResponseCode.CONFLICT::equals).isPresent()) {
                String text = e.getMessage();
                int at = text.indexOf(WitnessRequest.WRONG_SIZE);
                try {
                    return new WitnessDesk.WrongSize(Long.parseLong(text.substring(at + WitnessRequest.WRONG_SIZE.length())
                            .trim()));
                } catch (IndexOutOfBoundsException | NumberFormatException bad) {
                    return new WitnessDesk.Refused(text, false);
                }
            }
            if (e.answered()) {
                return new WitnessDesk.Refused(e.getMessage(), false);
            }
            throw e;
        }
    }

    /** {@code GET /beacon/epochs?epoch=E}: the closure the member knows, if any. */
    Optional<byte[]> closure(NodeId member, long epoch) {
        try {
            return Optional.of(link.readPieces(member, List.of("beacon", "epochs"), "epoch=" + epoch,
                    MediaTypeRegistry.APPLICATION_CBOR, Closure.MAX_BYTES));
        } catch (PeerLink.Failure e) {
            return Optional.empty();
        }
    }

}
