package io.inkan.admin.security;

import io.inkan.events.PasswordChanged;
import io.inkan.events.Realm;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * When an administrator's or an operator's sessions last ended: their own password change. A token issued
 * ({@code iat}) at or before that moment opens nothing here any more, so a session stolen before the change is no
 * use after it. The token itself stays valid at auth-service's JWKS; only this service knows the end.
 */
@Component
public class SessionEnds implements OAuth2TokenValidator<Jwt> {
    private static final OAuth2Error ENDED =
            new OAuth2Error("invalid_token", "The session ended with a password change.", null);

    private final JdbcClient jdbc;

    SessionEnds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Ends the sessions of the account whose password changed; users act elsewhere (auth-service ends theirs). In
     * the transaction of the consumed event.
     */
    public void passwordChanged(PasswordChanged event) {
        if (event.realm() == Realm.USER) {
            return;
        }
        // The change's own moment, on auth-service's clock like every token's iat: a session opened with the new
        // password before this event arrived here is one the holder opened after the change, and stays open.
        OffsetDateTime at = OffsetDateTime.ofInstant(event.changedAt(), ZoneOffset.UTC);
        String contract = contractColumn(event.realm(), event.contractId());
        // Never moves back: a late, older change does not reopen what a newer one closed.
        int moved = jdbc.sql(
                        "UPDATE session_end SET ended_at = ? WHERE realm = ? AND contract_id = ? AND account_id = ?"
                                + " AND ended_at < ?")
                .params(at, event.realm().name(), contract, event.accountId(), at)
                .update();
        if (moved == 0) {
            jdbc.sql("INSERT INTO session_end (realm, contract_id, account_id, ended_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING")
                    .params(event.realm().name(), contract, event.accountId(), at)
                    .update();
        }
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Realm realm = realmOf(token.getClaimAsString("realm"));
        if (realm == null || realm == Realm.USER || token.getSubject() == null) {
            return OAuth2TokenValidatorResult.success(); // users may call nothing here anyway
        }
        Optional<Instant> end = lastEndOf(realm, token.getClaimAsString("contractId"), token.getSubject());
        Instant issuedAt = token.getIssuedAt();
        if (end.isPresent() && (issuedAt == null || !issuedAt.isAfter(end.get()))) {
            return OAuth2TokenValidatorResult.failure(ENDED);
        }
        return OAuth2TokenValidatorResult.success();
    }

    private Optional<Instant> lastEndOf(Realm realm, String contractId, String accountId) {
        return jdbc.sql("SELECT ended_at FROM session_end WHERE realm = ? AND contract_id = ? AND account_id = ?")
                .params(realm.name(), contractColumn(realm, contractId), accountId)
                .query((rs, n) -> rs.getObject("ended_at", OffsetDateTime.class).toInstant())
                .optional();
    }

    private static String contractColumn(Realm realm, String contractId) {
        return realm == Realm.OPERATOR || contractId == null ? "" : contractId;
    }

    private static Realm realmOf(String claim) {
        if (claim == null) {
            return null;
        }
        try {
            return Realm.valueOf(claim.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
