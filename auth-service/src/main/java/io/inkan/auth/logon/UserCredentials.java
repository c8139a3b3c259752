package io.inkan.auth.logon;

/** A user's ID and password: contract and user ID, or the bank-wide login ID. */
public record UserCredentials(String contractId, String userId, String loginId, String password) {
    public boolean byLoginId() {
        return present(loginId) && !present(contractId) && !present(userId);
    }

    public boolean byContractAndUser() {
        return present(contractId) && present(userId) && !present(loginId);
    }

    /** Exactly one of the two forms, and a password. */
    public boolean complete() {
        return present(password) && (byLoginId() || byContractAndUser());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "UserCredentials[contractId=" + contractId + ", userId=" + userId + ", loginId=" + loginId + "]";
    }
}
