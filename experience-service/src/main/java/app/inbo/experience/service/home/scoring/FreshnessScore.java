package app.inbo.experience.service.home.scoring;

import java.time.Duration;
import java.time.Instant;

/**
 * How new an item is: from its creation time {@code max(0.5, 1 − d/60)} and from its latest post
 * {@code max(0.5, 1 − d/30)}, the higher of the two where both are known (a newsletter is as fresh as the fresher of
 * its creation and its latest post: one created years ago that posted today is fresh), else {@value #FLOOR} (the
 * fallback the caller counts). {@code d} is in days, never negative (a time in the future counts as now). The basis
 * says which time won; on a tie, the creation time.
 */
public final class FreshnessScore {

    public static final double FLOOR = 0.5;
    static final double CREATED_HORIZON_DAYS = 60;
    static final double LATEST_POST_HORIZON_DAYS = 30;

    public enum Basis {
        CREATED_AT("created_at"), LATEST_POST_AT("latest_post_at"), UNKNOWN(null);

        private final String wireName;

        Basis(String wireName) {
            this.wireName = wireName;
        }

        /** As a page shows it ({@code null} for {@link #UNKNOWN}, which a page flags as {@code freshnessUnknown}). */
        public String wireName() {
            return wireName;
        }
    }

    public record Freshness(double value, Basis basis) {
        public boolean isFallback() {
            return basis == Basis.UNKNOWN;
        }
    }

    private FreshnessScore() {
    }

    public static Freshness of(Instant createdAt, Instant latestPostAt, Instant now) {
        Freshness fromCreation = createdAt == null ? null
                : new Freshness(decay(createdAt, now, CREATED_HORIZON_DAYS), Basis.CREATED_AT);
        Freshness fromLatestPost = latestPostAt == null ? null
                : new Freshness(decay(latestPostAt, now, LATEST_POST_HORIZON_DAYS), Basis.LATEST_POST_AT);
        if (fromCreation != null && fromLatestPost != null) {
            return fromLatestPost.value() > fromCreation.value() ? fromLatestPost : fromCreation;
        }
        if (fromCreation != null) {
            return fromCreation;
        }
        if (fromLatestPost != null) {
            return fromLatestPost;
        }
        return new Freshness(FLOOR, Basis.UNKNOWN);
    }

    private static double decay(Instant since, Instant now, double horizonDays) {
        double days = Math.max(0, Duration.between(since, now).toMillis() / 86_400_000d);
        return Math.max(FLOOR, 1 - days / horizonDays);
    }
}
