package io.inkan.auth.credential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The hashes stored before auth-service computed Argon2 itself were written by Spring Security's encoder: every one of
 * them must still log on, and a hash written now must read the same way in both.
 */
class Argon2HashesTest {
    private static final int MEMORY_KIB = 19_456;
    private final Argon2Hashes hashes = new Argon2Hashes(16, 32, 1, MEMORY_KIB, 2, 2);
    private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, MEMORY_KIB, 2);

    @Test
    void aHashStoredBySpringSecuritysEncoderStillAcceptsItsPasswordAndOnlyThat() {
        String stored = spring.encode("パスワード-Secret1");

        assertThat(hashes.matches("パスワード-Secret1", stored)).isTrue();
        assertThat(hashes.matches("パスワード-Secret2", stored)).isFalse();
        assertThat(hashes.matches("", stored)).isFalse();
    }

    @Test
    void aHashWrittenNowHasSpringSecuritysFormatAndParametersAndReadsInBoth() {
        String written = hashes.encode("Correct-Horse-7");

        assertThat(written).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(spring.matches("Correct-Horse-7", written)).isTrue();
        assertThat(hashes.matches("Correct-Horse-7", written)).isTrue();
        assertThat(hashes.encode("Correct-Horse-7"))
                .as("a fresh salt each time")
                .isNotEqualTo(written);
    }

    @Test
    void theMemoryOfOneCheckIsReusedByTheNextWithoutCarryingAnythingOver() {
        String first = spring.encode("first-password-1");
        String second = spring.encode("second-password-2");

        // the same pool, one after the other and back: a block left dirty by a check would spoil the next hash
        for (int round = 0; round < 3; round++) {
            assertThat(hashes.matches("first-password-1", first)).isTrue();
            assertThat(hashes.matches("second-password-2", second)).isTrue();
            assertThat(hashes.matches("first-password-1", second)).isFalse();
        }
    }

    @Test
    void aCheckAfterTheFirstAllocatesNoneOfItsNineteenMebibytes() {
        String stored = spring.encode("Kept-Memory-9");
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        hashes.matches("Kept-Memory-9", stored);

        long before = threads.getThreadAllocatedBytes(thread);
        assertThat(hashes.matches("Kept-Memory-9", stored)).isTrue();
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        // Spring Security's encoder allocates the whole 19 MiB again for every check
        assertThat(allocated).as("bytes allocated by one check").isLessThan(1024 * 1024);
    }

    @Test
    void moreChecksAtOnceThanMemoriesKeptEachGetTheirOwnMemory() throws Exception {
        String stored = spring.encode("Shared-Secret-5");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var outcomes = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 8; i++) {
                boolean right = i % 2 == 0;
                outcomes.add(pool.submit(() -> hashes.matches(right ? "Shared-Secret-5" : "Shared-Secret-6", stored)));
            }
            for (int i = 0; i < outcomes.size(); i++) {
                assertThat(outcomes.get(i).get()).as("check %d", i).isEqualTo(i % 2 == 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHashWithOtherCostsIsCheckedWithTheCostsWrittenInIt() {
        Argon2PasswordEncoder stronger = new Argon2PasswordEncoder(16, 32, 1, 2 * MEMORY_KIB, 3);
        String stored = stronger.encode("Stronger-Pass-3");

        assertThat(hashes.matches("Stronger-Pass-3", stored)).isTrue();
        assertThat(hashes.matches("Stronger-Pass-4", stored)).isFalse();
    }

    @Test
    void aStoredValueThatIsNoArgon2HashAcceptsNothing() {
        assertThat(hashes.matches("x", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(hashes.matches("x", "$argon2id$v=19$m=19456,t=2,p=1$not base64!$AAAA"))
                .isFalse();
        assertThat(hashes.matches("x", "plain")).isFalse();
        assertThat(hashes.matches("x", null)).isFalse();
    }
}
