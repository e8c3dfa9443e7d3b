package io.smartshare.node.lifecycle;

import io.smartshare.hal.config.FileProblem;
import java.io.IOException;

/**
 * A service failed to start: the message names the service and the reason. The node stopped
 * every service that had started before it; {@code run} exits with {@link #EXIT_CODE}.
 */
public final class ServiceStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The exit code of {@code run} when a service fails to start. */
    public static final int EXIT_CODE = 3;

    private final String service;

    public ServiceStartException(String service, Throwable cause) {
        super("service '" + service + "' failed to start: " + reasonOf(cause), cause);
        this.service = service;
    }

    /** The service that failed. */
    public String service() {
        return service;
    }

    private static String reasonOf(Throwable cause) {
        if (cause instanceof IOException io) {
            return FileProblem.describe(io); // a file system exception's message is its path alone
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.toString() : message;
    }
}
