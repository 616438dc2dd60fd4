package dev.retort.api;

/**
 * A user error: bad configuration, bad revision file, unknown target, failed statement, unreachable database.
 * The message is one line that names the object at fault; the command line prints it without a stack trace.
 */
public class RetortException extends RuntimeException {
    private final int exitCode;

    public RetortException(String message) { this(message, null, 2); }

    public RetortException(String message, Throwable cause) { this(message, cause, 2); }

    public RetortException(String message, Throwable cause, int exitCode) {
        super(oneLine(message), cause);
        this.exitCode = exitCode;
    }

    /** Messages echo user input (file text, URLs); line breaks in it are shown escaped, so the message stays one line. */
    private static String oneLine(String message) {
        return message == null ? null : message.replace("\r", "\\r").replace("\n", "\\n");
    }

    public int exitCode() { return exitCode; }
}
