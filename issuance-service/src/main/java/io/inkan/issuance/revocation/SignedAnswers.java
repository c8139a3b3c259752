package io.inkan.issuance.revocation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The OCSP answers signed so far, by what they answer (the CertIDs and each certificate's state): at most
 * {@code capacity}, the least recently used leaving first, each kept until its {@code refreshAt}. Signing happens
 * under a lock per key stripe, so a burst of identical requests on a cold cache signs once, not once per thread.
 */
final class SignedAnswers {
    private static final int STRIPES = 64;

    private final Map<String, OcspResponder.Answer> answers;
    private final Object[] stripes = new Object[STRIPES];

    SignedAnswers(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("inkan.issuance.ocsp-cache-size must be at least 1");
        }
        this.answers = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OcspResponder.Answer> eldest) {
                return size() > capacity;
            }
        };
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** The answer kept for {@code key} while {@code now} is before its refreshAt, or a new one from {@code sign}. */
    OcspResponder.Answer get(String key, Instant now, Supplier<OcspResponder.Answer> sign) {
        OcspResponder.Answer kept = fresh(key, now);
        if (kept != null) {
            return kept;
        }
        synchronized (stripes[Math.floorMod(key.hashCode(), STRIPES)]) {
            kept = fresh(key, now);
            if (kept != null) {
                return kept;
            }
            OcspResponder.Answer signed = sign.get();
            synchronized (answers) {
                answers.put(key, signed);
            }
            return signed;
        }
    }

    int size() {
        synchronized (answers) {
            return answers.size();
        }
    }

    private OcspResponder.Answer fresh(String key, Instant now) {
        synchronized (answers) {
            OcspResponder.Answer answer = answers.get(key);
            return answer != null && now.isBefore(answer.refreshAt()) ? answer : null;
        }
    }
}
