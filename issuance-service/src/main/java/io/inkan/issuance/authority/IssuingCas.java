package io.inkan.issuance.authority;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The issuing CAs the service knows, the same on every instance: the <b>current</b> one, which signs new certificates,
 * and the <b>retired</b> ones, each of which keeps signing its own CRL and OCSP answers for the certificates it issued
 * until its own certificate expires (no certificate outlives its issuer, so by then its last certificate has expired
 * too). Then it drops out.
 *
 * <p>Where each CA's CRL is: every CA's at {@code /ca/crl/<keyId>.crl} ({@link KeyIds}), and the oldest known CA's also
 * at {@code /crl}, the address certificates were given before there could be more than one CA. A certificate names
 * {@code /crl} when its issuer is the oldest known CA, otherwise its issuer's own address: either way the address a
 * certificate carries keeps serving the CRL of the CA that signed it.
 */
public interface IssuingCas {

    /** The CA that signs new certificates. */
    Signer current();

    /** The current CA, then the retired ones still valid, newest first. */
    List<Signer> all();

    /**
     * Reads the CAs again where every instance reads them (the database), so that a roll made by another instance is
     * used here too; a no-op where they come from configuration. Cheap when nothing changed (one indexed query).
     */
    default void refresh() {}

    /**
     * Makes a new issuing CA under the current one's root and makes it current; the previous one is retired. Only the
     * CA kept in the database can do this; a bank's CA is rolled by configuration.
     *
     * @throws RollRefused when this CA cannot roll, saying why
     */
    default Rolled roll(Instant now) {
        throw new RollRefused(
                "CA_CONFIGURED",
                "The issuing CA comes from configuration (inkan.ca.keystore or inkan.ca.pkcs11): roll it by configuring"
                        + " the new CA as current and the previous one in inkan.ca.retired.");
    }

    /** A roll's outcome: the CA now current, and whether this call made it (false: a concurrent roll won). */
    record Rolled(Signer current, Signer previous, boolean madeHere) {}

    /** Why a roll cannot be made, with a code for problem+json. */
    final class RollRefused extends RuntimeException {
        private final String code;

        RollRefused(String code, String detail) {
            super(detail);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    default Optional<Signer> byKeyId(String keyId) {
        return all().stream().filter(ca -> ca.keyId().equals(keyId)).findFirst();
    }

    /** The oldest CA known, whose CRL {@code /crl} serves. */
    default Signer oldest() {
        return all().getLast();
    }

    /** The path of {@code ca}'s CRL, as its certificates name it (see the class comment). */
    default String crlPath(Signer ca) {
        return ca.keyId().equals(oldest().keyId()) ? "/crl" : "/ca/crl/" + ca.keyId() + ".crl";
    }

    /**
     * What {@code /ca/chain.pem} serves: every issuing CA, current first then the retired ones newest first, then their
     * roots (the current CA's first), each once.
     */
    default List<X509Certificate> chain() {
        List<X509Certificate> issuing = new ArrayList<>();
        Set<X509Certificate> roots = new LinkedHashSet<>();
        for (Signer ca : all()) {
            issuing.add(ca.issuingCertificate());
            roots.add(ca.chain().getLast());
        }
        issuing.addAll(roots);
        return List.copyOf(issuing);
    }

    /** CAs that do not change while the service runs: a bank's, from configuration. */
    static IssuingCas fixed(Signer current, List<Signer> retired, java.time.Clock clock) {
        return new FixedCas(current, retired, clock);
    }
}
