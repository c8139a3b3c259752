package io.inkan.admin.user;

import io.inkan.events.CertificateIssued;
import io.inkan.events.RequestKind;
import java.time.Instant;

/** Applies a CertificateIssued to a state the way {@link CertificateReadModel} does, without a database. */
final class CertificateReadModelFixture {
    private CertificateReadModelFixture() {}

    /** An event of the current issuance-service, which says what it decided. */
    static CertificateState issued(
            CertificateState state, String serial, Instant notAfter, boolean awaitingFirstUse, String replaces) {
        return apply(state, event(serial, notAfter, RequestKind.RENEWAL, replaces, awaitingFirstUse, null));
    }

    /** An event of an issuance-service older than {@code awaitingFirstUse} and {@code authorizationId}. */
    static CertificateState legacyIssued(CertificateState state, String serial, RequestKind kind, String replaces) {
        Instant now = Instant.parse("2026-04-01T00:00:00Z");
        return apply(
                state,
                new CertificateIssued(
                        "req-" + serial,
                        "c1",
                        "u1",
                        kind,
                        serial,
                        "CN=c1u1",
                        "CN=ca",
                        now,
                        Instant.parse("2028-04-01T00:00:00Z"),
                        "ff",
                        "pem",
                        null,
                        replaces,
                        now));
    }

    private static CertificateIssued event(
            String serial,
            Instant notAfter,
            RequestKind kind,
            String replaces,
            boolean awaitingFirstUse,
            String authorizationId) {
        Instant now = Instant.parse("2026-04-01T00:00:00Z");
        return new CertificateIssued(
                "req-" + serial,
                "c1",
                "u1",
                kind,
                serial,
                "CN=c1u1",
                "CN=ca",
                now,
                notAfter,
                "ff",
                "pem",
                null,
                replaces,
                now,
                awaitingFirstUse,
                notAfter.minusSeconds(40L * 86_400),
                authorizationId);
    }

    private static CertificateState apply(CertificateState state, CertificateIssued e) {
        CertificateReadModel.Decided decided = CertificateReadModel.decided(e, state);
        return state.issued(e.serialNumber(), e.notAfter(), decided.awaitingFirstUse(), decided.authorizationId());
    }
}
