package io.smartshare.node.cli;

/** The command line is wrong; the message says what and points at {@code --help}. Exit code 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
