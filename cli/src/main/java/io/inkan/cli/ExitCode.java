package io.inkan.cli;

/** The exit codes of {@code inkan}; scripts rely on them (see {@code inkan help}). */
final class ExitCode {
    static final int OK = 0;
    /** Something unexpected; the message says what. */
    static final int FAILED = 1;
    /** The command line was wrong. */
    static final int USAGE = 2;
    /** Inkan said no: wrong ID or password, locked, refused, rejected, revoked, unknown request. */
    static final int REFUSED = 3;
    /** auth-service, issuance-service or Kafka could not be reached. */
    static final int UNREACHABLE = 4;
    /** No outcome arrived in time; the request may still complete (see {@code inkan status}). */
    static final int TIMED_OUT = 5;

    private ExitCode() {}
}
