package io.smartshare.node.rewards;

import io.smartshare.contracts.channel.ChannelRejection;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/** The CoAP answer to each channel rejection (docs/contracts.md §15). */
final class ChannelCodes {
    private ChannelCodes() {
    }

    static ResponseCode of(ChannelRejection reason) {
        return switch (reason) {
            case MALFORMED, BAD_SIGNATURE -> ResponseCode.BAD_REQUEST;
            case WRONG_SIGNER, OVER_DEPOSIT, BEYOND_TOLERANCE, BELOW_PRICE -> ResponseCode.FORBIDDEN;
            case WRONG_CHANNEL -> ResponseCode.NOT_FOUND;
            case STALE, CLOSED, FINAL_MISMATCH -> ResponseCode.CONFLICT;
        };
    }
}
