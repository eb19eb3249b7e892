package app.inbo.experience.service.home.scoring;

import java.time.Duration;
import java.time.Instant;

/**
 * How new an item is: from its creation time {@code max(0.5, 1 − d/60)}, else from its latest post
 * {@code max(0.5, 1 − d/30)}, else {@value #FLOOR} (the fallback the caller counts). {@code d} is in days, never
 * negative (a time in the future counts as now).
 */
public final class FreshnessScore {

    public static final double FLOOR = 0.5;
    static final double CREATED_HORIZON_DAYS = 60;
    static final double LATEST_POST_HORIZON_DAYS = 30;

    public enum Basis { CREATED_AT, LATEST_POST_AT, UNKNOWN }

    public record Freshness(double value, Basis basis) {
        public boolean isFallback() {
            return basis == Basis.UNKNOWN;
        }
    }

    private FreshnessScore() {
    }

    public static Freshness of(Instant createdAt, Instant latestPostAt, Instant now) {
        if (createdAt != null) {
            return new Freshness(decay(createdAt, now, CREATED_HORIZON_DAYS), Basis.CREATED_AT);
        }
        if (latestPostAt != null) {
            return new Freshness(decay(latestPostAt, now, LATEST_POST_HORIZON_DAYS), Basis.LATEST_POST_AT);
        }
        return new Freshness(FLOOR, Basis.UNKNOWN);
    }

    private static double decay(Instant since, Instant now, double horizonDays) {
        double days = Math.max(0, Duration.between(since, now).toMillis() / 86_400_000d);
        return Math.max(FLOOR, 1 - days / horizonDays);
    }
}
