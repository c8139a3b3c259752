package io.inkan.events;

/** Published by admin-service on {@link Topics#ADMIN}. */
public sealed interface AdminEvent extends InkanEvent
        permits ContractRegistered,
                AdministratorRegistered,
                UserRegistered,
                UserContactChanged,
                IssuanceAuthorized,
                CertificateReissueAuthorized,
                AccountUnlockRequested,
                PasswordResetOrdered,
                CertificatesRevocationOrdered,
                UserRemoved {}
