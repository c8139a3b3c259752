package io.inkan.events;

/** Who an account belongs to: a bank operator, a contract's administrator (管理者), or a user (利用者). */
public enum Realm {
    OPERATOR,
    ADMIN,
    USER
}
