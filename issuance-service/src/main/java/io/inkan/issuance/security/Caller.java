package io.inkan.issuance.security;

import io.inkan.events.Realm;
import java.util.Locale;

/**
 * Who is calling, from auth-service's token: a bank operator, a contract's administrator (with the contract it
 * administers), or a user. The filter chain lets only operators and administrators reach {@code /api}; which
 * contract's data they may see is decided per route.
 */
public record Caller(Realm realm, String id, String contractId) {

    /** From the token's {@code realm}, {@code sub} and {@code contractId} claims. */
    public static Caller of(String realm, String subject, String contractId) {
        Realm parsed;
        try {
            parsed = realm == null ? Realm.USER : Realm.valueOf(realm.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            parsed = Realm.USER; // an unknown realm gets no rights
        }
        return new Caller(parsed, subject, contractId);
    }

    public boolean isOperator() {
        return realm == Realm.OPERATOR;
    }

    public boolean administers(String contract) {
        return realm == Realm.ADMIN && contractId != null && contractId.equals(contract);
    }
}
