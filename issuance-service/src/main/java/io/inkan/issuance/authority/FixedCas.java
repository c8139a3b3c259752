package io.inkan.issuance.authority;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The issuing CAs named in configuration: a current one and the retired ones, newest first. */
final class FixedCas implements IssuingCas {
    private final Signer current;
    private final List<Signer> retired;
    private final Clock clock;

    FixedCas(Signer current, List<Signer> retired, Clock clock) {
        this.current = current;
        this.retired = List.copyOf(retired);
        this.clock = clock;
    }

    @Override
    public Signer current() {
        return current;
    }

    @Override
    public List<Signer> all() {
        return withCurrent(current, retired, clock);
    }

    /** {@code current}, then those of {@code retired} whose certificate has not expired (nor can any they issued). */
    static List<Signer> withCurrent(Signer current, List<Signer> retired, Clock clock) {
        List<Signer> all = new ArrayList<>(retired.size() + 1);
        all.add(current);
        for (Signer ca : retired) {
            if (ca.issuingCertificate().getNotAfter().toInstant().isAfter(clock.instant())) {
                all.add(ca);
            }
        }
        return all;
    }
}
