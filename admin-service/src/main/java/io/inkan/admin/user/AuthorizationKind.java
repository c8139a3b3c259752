package io.inkan.admin.user;

/** What kind of right to a new certificate an administrator granted. */
enum AuthorizationKind {
    ISSUANCE,
    REISSUE
}
