package io.inkan.issuance.right;

import java.time.Instant;

/** A certificate of the user as far as the rules care: which one, and until when. */
public record HeldCertificate(String serialNumber, Instant notAfter) {}
