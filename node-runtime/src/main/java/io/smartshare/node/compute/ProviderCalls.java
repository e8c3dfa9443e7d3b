package io.smartshare.node.compute;

import io.smartshare.contracts.compute.ComputeJob;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.coap.PeerLink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

/**
 * The consumer's requests to one provider for one job (docs/compute.md, "CoAP resources"),
 * blocking, for the consumer's thread: submit the job, send the module and input from where
 * the provider says it stands, poll until the signed result comes, read the output.
 */
final class ProviderCalls {
    private static final Pattern RECEIVING = Pattern.compile("receiving (\\d+) of \\d+");

    private final PeerLink link;
    private final NodeId provider;
    private final ComputeJob job;

    ProviderCalls(PeerLink link, NodeId provider, ComputeJob job) {
        this.link = link;
        this.provider = provider;
        this.job = job;
    }

    /** Submits the job and sends {@code data} (module then input) in pieces of one CoAP body. */
    void send(byte[] data) throws PeerLink.Failure {
        Request submit = Request.newPost();
        submit.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_CBOR);
        submit.setPayload(job.encode());
        Optional<Long> from = receiving(link.call(provider, submit, List.of("compute", "jobs")));
        while (from.isPresent() && from.get() < data.length) {
            int start = (int) (long) from.get();
            Request chunk = Request.newPost();
            chunk.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM).addUriQuery("from=" + start);
            chunk.setPayload(Arrays.copyOfRange(data, start, Math.min(data.length, start + ProviderResource.CHUNK)));
            from = receiving(link.call(provider, chunk, List.of("compute", "jobs", job.idHex())));
        }
    }

    /** The provider's signed result, once the job ran; empty while it is queued or running. */
    Optional<byte[]> poll() throws PeerLink.Failure {
        Response response = link.call(provider, Request.newGet(), List.of("compute", "jobs", job.idHex()));
        if (response.getOptions().getContentFormat() == MediaTypeRegistry.APPLICATION_CBOR) {
            return Optional.of(response.getPayload());
        }
        return Optional.empty();
    }

    /** The job's output, {@code size} bytes as its signed result says. */
    byte[] output(long size) throws PeerLink.Failure {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            Request read = Request.newGet();
            read.getOptions().addUriQuery("from=" + out.size());
            byte[] piece = link.call(provider, read, List.of("compute", "jobs", job.idHex(), "output")).getPayload();
            if (piece.length == 0) {
                throw new PeerLink.Failure(Optional.empty(), provider + " sent " + out.size() + " of the " + size
                        + " output bytes of job " + job.idHex());
            }
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }

    /** Where the provider's upload stands: the bytes it has while it receives, nothing once it has all. */
    private static Optional<Long> receiving(Response response) {
        Matcher m = RECEIVING.matcher(new String(response.getPayload(), StandardCharsets.UTF_8));
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
