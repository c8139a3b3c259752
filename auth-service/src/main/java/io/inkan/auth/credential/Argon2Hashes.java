package io.inkan.auth.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2 hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, Base64 without
 * padding), the format Spring Security's {@code Argon2PasswordEncoder} writes and reads, so every hash stored before
 * stays valid. Unlike that encoder, a computation works in memory kept from an earlier one (cleared when given back)
 * instead of 19 MiB allocated anew. Those allocations were most of auth-service's garbage at a logon peak, and every
 * young collection copied the 19 MiB of each check still running, then promoted it, until a full collection paused
 * every service of the JVM (issue 15's profile: a 389 ms pause in 25 s of one client). In a bare loop on two threads
 * the kept memory computes 15 % more hashes per second.
 *
 * <p>At most {@code concurrency} memories are kept, the number {@link PasswordChecks} lets run at once: 19 MiB each
 * for good. A computation beyond that, or with a larger cost written in its hash, allocates as before.
 */
final class Argon2Hashes {
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    /** Blocks BouncyCastle takes beside the memory the cost names (four more for m = 19 MiB, p = 1). */
    private static final int WORKING_BLOCKS = 64;

    private final int saltBytes;
    private final int hashBytes;
    private final int parallelism;
    private final int memoryKib;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final int kept;
    private final ArrayDeque<Memory> memories = new ArrayDeque<>();

    Argon2Hashes(int saltBytes, int hashBytes, int parallelism, int memoryKib, int iterations, int concurrency) {
        this.saltBytes = saltBytes;
        this.hashBytes = hashBytes;
        this.parallelism = parallelism;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.kept = Math.max(1, concurrency);
    }

    /** A new Argon2id hash of {@code password} with a fresh random salt. */
    String encode(CharSequence password) {
        byte[] salt = new byte[saltBytes];
        random.nextBytes(salt);
        byte[] hash = compute(defaults(salt), password, hashBytes);
        return "$argon2id$v=" + Argon2Parameters.ARGON2_VERSION_13 + "$m=" + memoryKib + ",t=" + iterations + ",p="
                + parallelism + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /**
     * Whether {@code password} is the one {@code encoded} was made from, with the parameters written in it; false for
     * an encoded hash that cannot be read (after a check of the same cost, so that it cannot be told apart).
     */
    boolean matches(CharSequence password, String encoded) {
        Stored stored = Stored.parse(encoded);
        if (stored == null) {
            compute(defaults(new byte[saltBytes]), password, hashBytes);
            return false;
        }
        Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(stored.type())
                .withVersion(stored.version())
                .withSalt(stored.salt())
                .withParallelism(stored.parallelism())
                .withMemoryAsKB(stored.memoryKib())
                .withIterations(stored.iterations());
        return MessageDigest.isEqual(compute(parameters, password, stored.hash().length), stored.hash());
    }

    private Argon2Parameters.Builder defaults(byte[] salt) {
        return new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withParallelism(parallelism)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations);
    }

    private byte[] compute(Argon2Parameters.Builder parameters, CharSequence password, int length) {
        byte[] secret = password.toString().getBytes(StandardCharsets.UTF_8);
        Memory memory = borrow();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters.withBlockPool(memory).build());
            byte[] hash = new byte[length];
            generator.generateBytes(secret, hash);
            return hash;
        } finally {
            Arrays.fill(secret, (byte) 0);
            giveBack(memory);
        }
    }

    private Memory borrow() {
        synchronized (memories) {
            Memory memory = memories.pollFirst();
            return memory == null ? new Memory() : memory;
        }
    }

    private void giveBack(Memory memory) {
        if (memory.blocks.size() > memoryKib + WORKING_BLOCKS) {
            return; // a larger cost than ours, read from an older hash: not kept
        }
        synchronized (memories) {
            if (memories.size() < kept) {
                memories.addFirst(memory);
            }
        }
    }

    /**
     * The blocks of one computation at a time. BouncyCastle takes a computation's blocks one by one and gives them back
     * in the same order when it ends; handing them out again in that order (not last-in first-out, as its own pool
     * does, which made hashing 30 % slower here) keeps each pass walking memory the way it was laid out. A block
     * comes back cleared: nothing of one password is left for the next check, or in a heap dump.
     */
    private static final class Memory implements Argon2BytesGenerator.BlockPool {
        private final ArrayDeque<Argon2BytesGenerator.Block> blocks = new ArrayDeque<>();

        @Override
        public Argon2BytesGenerator.Block allocate() {
            Argon2BytesGenerator.Block block = blocks.pollFirst();
            return block == null ? new Argon2BytesGenerator.Block() : block;
        }

        @Override
        public void deallocate(Argon2BytesGenerator.Block block) {
            blocks.addLast(block.clear());
        }
    }

    /** An encoded hash, read. */
    record Stored(int type, int version, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
        /** The parts of a PHC string, or null when it is not one this class can check. */
        static Stored parse(String encoded) {
            if (encoded == null) {
                return null;
            }
            String[] parts = encoded.split("\\$");
            // "", type, [v=version], m=..,t=..,p=.., salt, hash
            if (parts.length != 5 && parts.length != 6 || !parts[0].isEmpty()) {
                return null;
            }
            int type = switch (parts[1]) {
                case "argon2id" -> Argon2Parameters.ARGON2_id;
                case "argon2i" -> Argon2Parameters.ARGON2_i;
                case "argon2d" -> Argon2Parameters.ARGON2_d;
                default -> -1;
            };
            if (type < 0) {
                return null;
            }
            int next = 2;
            int version = Argon2Parameters.ARGON2_VERSION_10;
            try {
                if (parts.length == 6) {
                    if (!parts[2].startsWith("v=")) {
                        return null;
                    }
                    version = Integer.parseInt(parts[2].substring(2));
                    next = 3;
                }
                String[] costs = parts[next].split(",");
                if (costs.length != 3
                        || !costs[0].startsWith("m=")
                        || !costs[1].startsWith("t=")
                        || !costs[2].startsWith("p=")) {
                    return null;
                }
                int memory = Integer.parseInt(costs[0].substring(2));
                int passes = Integer.parseInt(costs[1].substring(2));
                int lanes = Integer.parseInt(costs[2].substring(2));
                byte[] salt = DECODER.decode(parts[next + 1]);
                byte[] hash = DECODER.decode(parts[next + 2]);
                if (memory < 8 * lanes || passes < 1 || lanes < 1 || hash.length < 4 || salt.length < 8) {
                    return null;
                }
                return new Stored(type, version, memory, passes, lanes, salt, hash);
            } catch (IllegalArgumentException e) {
                return null; // not numbers, not Base64
            }
        }
    }
}
