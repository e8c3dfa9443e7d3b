package io.smartshare.node.rewards;

/**
 * The channel documents one party hands the other (docs/contracts.md §15), each posted to
 * {@code /channels/peer/<path>} of the other party as COSE_Sign1 bytes.
 */
enum ChannelMessage {
    /** The payer's signed open proposal; answered 2.01 with the open record {@code [payer, payee]}. */
    OPEN("open", "channel open"),
    /** A balance proof from the payer; answered 2.04. */
    PROOF("proof", "balance proof"),
    /** One side's close signature; answered 2.04 with the other side's close signature. */
    CLOSE("close", "channel close");

    private final String path;
    private final String document;

    ChannelMessage(String path, String document) {
        this.path = path;
        this.document = document;
    }

    /** The last path segment of the resource taking it. */
    String path() {
        return path;
    }

    /** What it is, for diagnostics. */
    String document() {
        return document;
    }
}
