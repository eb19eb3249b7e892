package app.inbo.recommendation.domain;

import java.time.Duration;
import java.time.Instant;

/** Exponential time decay: a weight halves every half-life. */
public final class Decay {

    private Decay() {
    }

    /** The factor by which a weight valid at {@code from} shrinks until {@code to} (1 when {@code to} is earlier). */
    public static double factor(Instant from, Instant to, double halfLifeSeconds) {
        double elapsed = Duration.between(from, to).toMillis() / 1000.0;
        return elapsed <= 0 ? 1.0 : Math.pow(0.5, elapsed / halfLifeSeconds);
    }
}
