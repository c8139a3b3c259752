package io.inkan.auth.request;

/** Where a certificate request stands, as the front end polls it. */
enum RequestStatus {
    PENDING,
    ISSUED,
    REJECTED
}
