package app.inbo.search.service;

import java.time.Duration;

/**
 * When a failed document is tried again: {@code base · factor^(attempts−1)}, capped, minus a random share
 * ({@code jitter}) so that failures from one burst do not all come back at the same instant.
 * Pure: the random number is a parameter.
 */
public record RetryBackoff(Duration base, double factor, Duration cap, int maxAttempts, double jitter) {

    public RetryBackoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got base " + base + ", cap " + cap);
        }
        if (factor < 1.0) {
            throw new IllegalArgumentException("factor must be at least 1, got " + factor);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
        if (jitter < 0.0 || jitter > 1.0) {
            throw new IllegalArgumentException("jitter must be within [0, 1], got " + jitter);
        }
    }

    /** True when a document that failed {@code attempts} times is given up on. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /** The longest wait after the {@code attempts}-th failed attempt (before jitter). */
    public Duration ceiling(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts start at 1, got " + attempts);
        }
        double millis = base.toMillis() * Math.pow(factor, attempts - 1);
        return millis >= cap.toMillis() ? cap : Duration.ofMillis((long) millis);
    }

    /** The wait after the {@code attempts}-th failed attempt, for a {@code random} number drawn from [0, 1). */
    public Duration delay(int attempts, double random) {
        if (random < 0.0 || random >= 1.0) {
            throw new IllegalArgumentException("random must be within [0, 1), got " + random);
        }
        long ceiling = ceiling(attempts).toMillis();
        return Duration.ofMillis(ceiling - (long) (ceiling * jitter * random));
    }
}
