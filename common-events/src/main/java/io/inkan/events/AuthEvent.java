package io.inkan.events;

/** Published by auth-service on {@link Topics#AUTH}. */
public sealed interface AuthEvent extends InkanEvent
        permits CertificateRequested,
                CertificateRequestRefused,
                AccountLocked,
                AccountUnlocked,
                CertificateActivated,
                PasswordChanged,
                AcquisitionCodeExhausted {}
