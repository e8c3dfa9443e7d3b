package io.smartshare.node.coap;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.stack.AbstractLayer;
import org.eclipse.californium.elements.util.ClockUtil;

/**
 * Sits right below Californium's block-wise layer and refuses, with 5.03 and a Max-Age of the
 * block-wise lifetime, a Block1 block that would start more uploads from one client address
 * than its {@link UploadQuota} allows, before the block-wise layer keeps any state for it.
 * Without it, one client could hold every block-wise slot of the endpoint with uploads it
 * never finishes.
 */
final class UploadQuotaLayer extends AbstractLayer {
    private final UploadQuota quota;
    private final long retryAfterSeconds;

    UploadQuotaLayer(UploadQuota quota, long lifetimeNanos) {
        this.quota = quota;
        this.retryAfterSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(lifetimeNanos));
    }

    @Override
    public void receiveRequest(Exchange exchange, Request request) {
        BlockOption block1 = request.getOptions().getBlock1();
        if (block1 != null) {
            InetSocketAddress peer = request.getSourceContext().getPeerAddress();
            String transfer = peer.getPort() + " " + request.getOptions().getUriPathString();
            if (!quota.admit(peer.getAddress(), transfer, !block1.isM(), ClockUtil.nanoRealtime())) {
                Response refusal = new Response(ResponseCode.SERVICE_UNAVAILABLE, true);
                refusal.setDestinationContext(request.getSourceContext());
                refusal.getOptions().setMaxAge(retryAfterSeconds);
                refusal.setPayload("too many uploads from this address at once");
                sendResponse(exchange, refusal); // down the stack from here
                return;
            }
        }
        super.receiveRequest(exchange, request);
    }
}
