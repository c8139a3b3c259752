package io.inkan.auth.credential;

import io.inkan.events.Realm;
import java.util.Objects;

/**
 * Names one account: a bank operator (no contract), a contract's administrator or a user.
 *
 * @param contractId null for operators
 */
public record AccountKey(Realm realm, String contractId, String accountId) {
    public AccountKey {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(accountId, "accountId");
        if (realm == Realm.OPERATOR) {
            contractId = null;
        } else {
            Objects.requireNonNull(contractId, "contractId");
        }
    }

    public static AccountKey operator(String operatorId) {
        return new AccountKey(Realm.OPERATOR, null, operatorId);
    }

    public static AccountKey admin(String contractId, String adminId) {
        return new AccountKey(Realm.ADMIN, contractId, adminId);
    }

    public static AccountKey user(String contractId, String userId) {
        return new AccountKey(Realm.USER, contractId, userId);
    }

    /** The contract column: operators belong to none, stored as the empty string. */
    String contractColumn() {
        return contractId == null ? "" : contractId;
    }
}
