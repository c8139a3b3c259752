package io.inkan.issuance.authority;

import io.inkan.events.Span;
import io.inkan.messaging.keys.KeyVault;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The default CA: kept in issuance-service's database, wrapped by {@code inkan.keys.encryption-key}, so that every
 * instance on that database signs with the same one (design rule 12). Whichever instance starts first on an empty
 * database generates a root and an issuing CA and proposes them; the first proposal stored wins and every instance,
 * the proposers included, loads that one.
 *
 * <p>Each issuing CA is one entry, {@code ca/issuing/<generation>}, holding its key (PKCS#8) with its certificate and
 * the root's, so that a half-made CA (an issuing key whose chain another instance made) cannot exist. The highest
 * generation is current; the others are retired. The first generation also holds the root's key, used only to sign
 * the next generation when an operator rolls ({@link #roll}): a roll stores generation n+1 if no instance stored it
 * first, and every instance picks it up on its next {@link #refresh}. A database CA made before rolls existed has no
 * root key, and refuses to roll. A bank that keeps its root offline brings its CA by PKCS#12 or PKCS#11 instead.
 */
final class CaVault implements IssuingCas {
    static final String PREFIX = "ca/issuing/";
    /** The entry of the first issuing CA. */
    static final String ENTRY = PREFIX + 1;

    private static final Logger log = LoggerFactory.getLogger(CaVault.class);

    private final KeyVault vault;
    private final JdbcClient jdbc;
    private final Span certificateValidity;
    private final Clock clock;
    private volatile Generations generations;

    private CaVault(KeyVault vault, JdbcClient jdbc, Span certificateValidity, Clock clock) {
        this.vault = vault;
        this.jdbc = jdbc;
        this.certificateValidity = certificateValidity;
        this.clock = clock;
    }

    static CaVault loadOrGenerate(
            KeyVault vault, JdbcClient jdbc, CaKeyAlgorithm algorithm, Span certificateValidity, Clock clock) {
        Instant now = clock.instant();
        vault.loadOrCreate(ENTRY, () -> {
            log.info("No CA in the database yet: proposing a {} root and issuing CA", algorithm);
            return encode(CaGenerator.generate(algorithm, now));
        });
        CaVault cas = new CaVault(vault, jdbc, certificateValidity, clock);
        cas.reload(cas.names());
        Generation current = cas.generations.list().getFirst();
        log.info(
                "CA loaded from the database: issuing CA '{}' (generation {}, key {}) valid until {}, root '{}'",
                current.signer().issuingCertificate().getSubjectX500Principal().getName(),
                current.number(),
                current.signer().keyId(),
                current.signer().issuingCertificate().getNotAfter().toInstant(),
                current.signer().chain().getLast().getSubjectX500Principal().getName());
        return cas;
    }

    /** One issuing CA in the vault. {@code rootKey} is null except in the generation made with the root. */
    private record Generation(int number, Signer signer, PrivateKey rootKey) {}

    /** The entries' names as read, and the CAs they hold, newest generation first. */
    private record Generations(List<String> names, List<Generation> list) {}

    @Override
    public Signer current() {
        return generations.list().getFirst().signer();
    }

    @Override
    public List<Signer> all() {
        List<Generation> list = generations.list();
        return FixedCas.withCurrent(
                list.getFirst().signer(),
                list.subList(1, list.size()).stream().map(Generation::signer).toList(),
                clock);
    }

    @Override
    public void refresh() {
        List<String> names;
        try {
            names = names();
        } catch (DataAccessException e) {
            // The database is away: what was read before still holds (a CA never changes once stored); whatever needs
            // the database fails on its own, and the chain, CRL and OCSP keep being served.
            log.debug("CAs not re-read, the database is away: {}", e.toString());
            return;
        }
        if (!names.equals(generations.names())) {
            reload(names);
        }
    }

    @Override
    public synchronized Rolled roll(Instant now) {
        refresh();
        List<Generation> list = generations.list();
        Generation previous = list.getFirst();
        X509Certificate root = previous.signer().chain().getLast();
        PrivateKey rootKey = list.stream()
                .map(Generation::rootKey)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new RollRefused(
                        "CA_ROOT_KEY_NOT_KEPT",
                        "This database CA was made before rolls existed and its root's key was not kept, so no new"
                                + " issuing CA can be made under its root. Bring a new issuing CA by PKCS#12 or"
                                + " PKCS#11 (inkan.ca.keystore or inkan.ca.pkcs11) instead."));
        int next = previous.number() + 1;
        CaGenerator.Ca made = CaGenerator.nextIssuing(next, previous.signer().issuingCertificate(), root, rootKey, now);
        String name = PREFIX + next;
        CaCheck.check(
                "the new CA " + name,
                made.issuingKeys().getPrivate(),
                null,
                made.issuing(),
                root,
                certificateValidity,
                now);
        boolean stored = vault.storeIfAbsent(name, encode(made));
        reload(names());
        Signer current = current();
        log.info(
                "{} the issuing CA from '{}' (key {}) to '{}' (key {}); the previous one keeps its CRL and OCSP",
                stored ? "Rolled" : "Another instance rolled",
                previous.signer().issuingCertificate().getSubjectX500Principal().getName(),
                previous.signer().keyId(),
                current.issuingCertificate().getSubjectX500Principal().getName(),
                current.keyId());
        return new Rolled(current, previous.signer(), stored);
    }

    private List<String> names() {
        return jdbc.sql("SELECT name FROM key_vault WHERE name LIKE ? ORDER BY name")
                .param(PREFIX + "%")
                .query(String.class)
                .list();
    }

    private synchronized void reload(List<String> names) {
        Instant now = clock.instant();
        List<Generation> list = new ArrayList<>();
        for (KeyVault.Entry entry : vault.list(PREFIX)) {
            int number;
            try {
                number = Integer.parseInt(entry.name().substring(PREFIX.length()));
            } catch (NumberFormatException e) {
                continue;
            }
            String source = "the CA in the database (entry " + entry.name() + ")";
            Decoded ca = decode(source, entry.secret());
            list.add(new Generation(number, new KeystoreSigner(ca.key(), ca.issuing(), ca.root()), ca.rootKey()));
        }
        list.sort(Comparator.comparingInt(Generation::number).reversed());
        if (list.isEmpty()) {
            throw CaCheck.refused("the CA in the database", "no issuing CA entry (" + ENTRY + ") is there");
        }
        for (Generation generation : list) {
            Signer signer = generation.signer();
            String source = "the CA in the database (entry " + PREFIX + generation.number() + ")";
            if (generation == list.getFirst()) {
                CaCheck.check(
                        source,
                        ((KeystoreSigner) signer).key(),
                        null,
                        signer.issuingCertificate(),
                        signer.chain().getLast(),
                        certificateValidity,
                        now);
            } else {
                CaCheck.checkRetired(
                        source,
                        ((KeystoreSigner) signer).key(),
                        null,
                        signer.issuingCertificate(),
                        signer.chain().getLast());
            }
        }
        generations = new Generations(List.copyOf(names), List.copyOf(list));
    }

    private record Decoded(PrivateKey key, X509Certificate issuing, X509Certificate root, PrivateKey rootKey) {}

    /** PEM: the issuing key as PKCS#8, the issuing certificate, the root's, then the root's key if it is kept. */
    static byte[] encode(CaGenerator.Ca ca) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(ca.issuingKeys().getPrivate(), null));
            writer.writeObject(ca.issuing());
            writer.writeObject(ca.root());
            if (ca.rootKey() != null) {
                writer.writeObject(new JcaPKCS8Generator(ca.rootKey(), null));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the generated CA", e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Decoded decode(String source, byte[] stored) {
        List<PrivateKey> keys = new ArrayList<>();
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(new String(stored, StandardCharsets.US_ASCII)))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    keys.add(new JcaPEMKeyConverter().getPrivateKey(info));
                } else if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw CaCheck.refused(source, "it cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (keys.isEmpty() || keys.size() > 2 || certificates.size() != 2) {
            throw CaCheck.refused(source, "it does not hold an issuing key with its certificate and the root's");
        }
        PrivateKey rootKey = keys.size() == 2 ? keys.get(1) : null;
        if (rootKey != null && !CaCheck.keyMatches(rootKey, null, certificates.get(1))) {
            throw CaCheck.refused(source, "the root key it holds does not belong to its root certificate");
        }
        return new Decoded(keys.getFirst(), certificates.get(0), certificates.get(1), rootKey);
    }
}
