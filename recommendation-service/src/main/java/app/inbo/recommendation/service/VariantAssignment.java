package app.inbo.recommendation.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * Deterministic assignment of users to experiment variants: the SHA-256 of (experiment name, user id) is read as
 * a number in [0, 1) — the user's bucket — and the variants own consecutive ranges of it by share. The same user
 * gets the same variant on every instance and after every restart, with no stored assignment; another experiment
 * hashes users independently. Changing shares moves only the users whose bucket changes owner (ramping a variant
 * from 10 % to 50 % keeps its first 10 % in it).
 */
public final class VariantAssignment {

    private static final double TWO_TO_THE_53 = 0x1p53;

    private VariantAssignment() {
    }

    /** The user's bucket in the experiment, uniform in [0, 1). */
    public static double bucket(String experiment, UUID userId) {
        MessageDigest sha256 = sha256();
        sha256.update(experiment.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(userId.toString().getBytes(StandardCharsets.US_ASCII));
        long bits = ByteBuffer.wrap(sha256.digest()).getLong();
        return (bits >>> 11) / TWO_TO_THE_53;
    }

    /**
     * The variant owning {@code bucket}: variants in order, each owning the next {@code share} of [0, 1). Shares are
     * expected to add up to 1; a bucket beyond their sum (rounding) goes to the last variant with a share.
     */
    public static <V> V pick(double bucket, List<V> variants, ToDoubleFunction<V> share) {
        double end = 0;
        V last = null;
        for (V variant : variants) {
            double s = share.applyAsDouble(variant);
            if (s <= 0) {
                continue;
            }
            end += s;
            last = variant;
            if (bucket < end) {
                return variant;
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("no variant has a share");
        }
        return last;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
