package io.inkan.admin.security;

import io.inkan.admin.web.ApiException;

/**
 * Tenant isolation. Checked before anything is looked up, so a caller outside a contract learns
 * nothing about it (403 whether or not the contract or user exists).
 */
public final class Access {
    private Access() {}

    /** Operator routes: registering contracts, unlocking administrators. */
    public static void requireOperator(Caller caller) {
        if (!caller.isOperator()) {
            throw ApiException.forbidden();
        }
    }

    /** Administrator routes: only the administrator of {@code contractId}. */
    public static void requireAdministratorOf(Caller caller, String contractId) {
        if (!caller.administers(contractId)) {
            throw ApiException.forbidden();
        }
    }

    /** Read-only oversight routes (the audit trail): the bank's operators and the contract's administrator. */
    public static void requireOperatorOrAdministratorOf(Caller caller, String contractId) {
        if (!caller.isOperator() && !caller.administers(contractId)) {
            throw ApiException.forbidden();
        }
    }
}
