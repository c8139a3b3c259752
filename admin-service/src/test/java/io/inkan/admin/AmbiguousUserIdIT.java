package io.inkan.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Certificates name their user as {@code CN={contractId}{userId}}: the attack is a second contract whose ID and a
 * user ID join to the same subject as an existing user's (C12 + 3 after C1 + 23), so that one certificate subject
 * would stand for two customers. admin-service refuses to register such a pair.
 */
class AmbiguousUserIdIT extends AdminServiceIT {

    @Test
    void aUserWhoseContractAndUserIdJoinToAnExistingUsersSubjectIsRefused() throws Exception {
        String stem = "A" + UUID.randomUUID().toString().substring(0, 8);
        String first = stem + "1"; // (A…1, 23)
        String second = stem + "12"; // (A…12, 3): the same "A…123"
        registerContract(first, "kanri");
        registerContract(second, "kanri");
        registerUser(first, "kanri", "23");

        mvc.perform(postJson(
                        "/api/v1/contracts/" + second + "/users",
                        AUTH.adminToken(second, "kanri"),
                        userJson("3", null, "Init-Pass-3")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("USER_ID_AMBIGUOUS"))
                .andExpect(jsonPath("$.errors[0].field").value("userId"))
                .andExpect(jsonPath("$.detail")
                        .value(org.hamcrest.Matchers.not(
                                org.hamcrest.Matchers.containsString(first)))); // it does not name the other contract

        mvc.perform(getWith("/api/v1/contracts/" + second + "/users", AUTH.adminToken(second, "kanri")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        // a user ID that makes a subject of its own is fine in the same contract
        registerUser(second, "kanri", "4");
    }

    @Test
    void subjectsThatDifferOnlyInCaseCollideToo() throws Exception {
        String stem = "B" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String lower = stem.toLowerCase(Locale.ROOT);
        registerContract(stem, "kanri");
        registerContract(lower, "kanri");
        registerUser(stem, "kanri", "u1");

        mvc.perform(postJson(
                        "/api/v1/contracts/" + lower + "/users",
                        AUTH.adminToken(lower, "kanri"),
                        userJson("U1", null, "Init-Pass-3")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("USER_ID_AMBIGUOUS"));
    }

    /** Two administrators register the colliding pairs at the same moment: the database lets exactly one through. */
    @Test
    void twoCollidingRegistrationsAtOnceLetExactlyOneThrough() throws Exception {
        ExecutorService twoAdministrators = Executors.newFixedThreadPool(2);
        try {
            registerCollidingPairsAtOnce(twoAdministrators);
        } finally {
            twoAdministrators.shutdownNow();
        }
    }

    private void registerCollidingPairsAtOnce(ExecutorService twoAdministrators) throws Exception {
        for (int round = 0; round < 3; round++) {
            String stem = "R" + UUID.randomUUID().toString().substring(0, 8);
            String first = stem + "1";
            String second = stem + "12";
            registerContract(first, "kanri");
            registerContract(second, "kanri");
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Integer>> attempts = new ArrayList<>();
            for (String[] pair : new String[][] {{first, "23"}, {second, "3"}}) {
                attempts.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                together.await(10, TimeUnit.SECONDS);
                                return mvc.perform(postJson(
                                                "/api/v1/contracts/" + pair[0] + "/users",
                                                AUTH.adminToken(pair[0], "kanri"),
                                                userJson(pair[1], null, "Init-Pass-3")))
                                        .andReturn()
                                        .getResponse()
                                        .getStatus();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        twoAdministrators));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> attempt : attempts) {
                statuses.add(attempt.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        }
    }
}
