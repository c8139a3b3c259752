package io.inkan.admin.security;

import io.inkan.events.Realm;
import java.util.Locale;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, from auth-service's token: a bank operator, or a contract's administrator (with the
 * contract it administers), or a user (who may call nothing here).
 */
public record Caller(Realm realm, String id, String contractId) {

    public static Caller of(Jwt jwt) {
        String realm = jwt.getClaimAsString("realm");
        Realm parsed;
        try {
            parsed = realm == null ? Realm.USER : Realm.valueOf(realm.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            parsed = Realm.USER; // an unknown realm gets no rights
        }
        return new Caller(parsed, jwt.getSubject(), jwt.getClaimAsString("contractId"));
    }

    public boolean isOperator() {
        return realm == Realm.OPERATOR;
    }

    public boolean administers(String contract) {
        return realm == Realm.ADMIN && contractId != null && contractId.equals(contract);
    }
}
