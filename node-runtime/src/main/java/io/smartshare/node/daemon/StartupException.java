package io.smartshare.node.daemon;

/** The node cannot start; the message names what is wrong and where. Exit code 1. */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
