package io.inkan.cli;

/** Ends the command with {@code message} on standard error and {@code exitCode}. */
final class CliFailure extends RuntimeException {
    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static CliFailure usage(String message) {
        return new CliFailure(ExitCode.USAGE, message);
    }

    static CliFailure refused(String message) {
        return new CliFailure(ExitCode.REFUSED, message);
    }

    static CliFailure unreachable(String message, Throwable cause) {
        return new CliFailure(ExitCode.UNREACHABLE, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
