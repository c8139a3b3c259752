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
    /** A service, Kafka or the database could not be reached. */
    static final int UNREACHABLE = 4;
    /** No outcome arrived in time; the request may still complete (see {@code inkan status}). */
    static final int TIMED_OUT = 5;
    /** An audit trail does not verify: an entry was altered, removed or reordered (see {@code inkan audit verify}). */
    static final int BROKEN = 6;

    private ExitCode() {}
}
