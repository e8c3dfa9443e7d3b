package io.smartshare.node.coap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/**
 * A request that cannot be answered as asked: the resource replies with {@link #code()}
 * (a 4.xx, or a 5.xx when a peer the node relies on failed) and the message as diagnostic payload, and nothing changes.
 */
public final class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ResponseCode code;

    public RequestException(ResponseCode code, String message) {
        super(message);
        this.code = code;
    }

    /** A 4.00 Bad Request. */
    public static RequestException badRequest(String message) {
        return new RequestException(ResponseCode.BAD_REQUEST, message);
    }

    public ResponseCode code() {
        return code;
    }
}
