package io.inkan.auth.certificate;

/**
 * Whether a certificate request of a user still waits for issuance-service's answer. The request feature keeps the
 * requests and answers this; the certificate feature asks it for the renewal notice, as a request on its way is a
 * certificate on its way.
 */
public interface RequestsAwaitingAnswer {
    boolean of(String contractId, String userId);
}
