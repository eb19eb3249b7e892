package app.inbo.experience.service.home.scoring;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreshnessScoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final double EXACT = 1e-12;

    private static Instant daysAgo(double days) {
        return CLOCK.instant().minus(Duration.ofMillis(Math.round(days * 86_400_000)));
    }

    @Test
    void fromCreationTimeOverSixtyDays() {
        assertEquals(1.0, FreshnessScore.of(daysAgo(0), null, CLOCK.instant()).value(), EXACT);
        assertEquals(0.9, FreshnessScore.of(daysAgo(6), null, CLOCK.instant()).value(), EXACT);
        assertEquals(0.75, FreshnessScore.of(daysAgo(15), null, CLOCK.instant()).value(), EXACT);
        assertEquals(1 - 29.5 / 60, FreshnessScore.of(daysAgo(29.5), null, CLOCK.instant()).value(), EXACT);
        assertEquals(0.5, FreshnessScore.of(daysAgo(30), null, CLOCK.instant()).value(), EXACT);
        assertEquals(0.5, FreshnessScore.of(daysAgo(45), null, CLOCK.instant()).value(), EXACT, "floored at 0.5");
        assertEquals(0.5, FreshnessScore.of(daysAgo(400), null, CLOCK.instant()).value(), EXACT);
    }

    @Test
    void theFresherOfCreationAndLatestPostWins() {
        // created two years ago, posted today: fresh from its latest post (the case the creation time used to hide)
        FreshnessScore.Freshness oldButActive = FreshnessScore.of(daysAgo(730), daysAgo(0), CLOCK.instant());
        assertEquals(1.0, oldButActive.value(), EXACT);
        assertEquals(FreshnessScore.Basis.LATEST_POST_AT, oldButActive.basis());
        assertFalse(oldButActive.isFallback());
        // created 15 days ago (0.75), posted 3 days ago (0.9): the post wins
        FreshnessScore.Freshness recentPost = FreshnessScore.of(daysAgo(15), daysAgo(3), CLOCK.instant());
        assertEquals(0.9, recentPost.value(), EXACT);
        assertEquals(FreshnessScore.Basis.LATEST_POST_AT, recentPost.basis());
        // created 3 days ago (0.95), posted 1 day ago (1 − 1/30 ≈ 0.967): the post wins, narrowly
        assertEquals(1 - 1 / 30d, FreshnessScore.of(daysAgo(3), daysAgo(1), CLOCK.instant()).value(), EXACT);
        // created 6 days ago (0.9), posted 6 days ago (0.8): the 60-day creation horizon wins
        FreshnessScore.Freshness recentCreation = FreshnessScore.of(daysAgo(6), daysAgo(6), CLOCK.instant());
        assertEquals(0.9, recentCreation.value(), EXACT);
        assertEquals(FreshnessScore.Basis.CREATED_AT, recentCreation.basis());
        // both floored: a tie, named after the creation time
        FreshnessScore.Freshness bothOld = FreshnessScore.of(daysAgo(400), daysAgo(90), CLOCK.instant());
        assertEquals(0.5, bothOld.value(), EXACT);
        assertEquals(FreshnessScore.Basis.CREATED_AT, bothOld.basis());
        assertFalse(bothOld.isFallback());
    }

    @Test
    void aFuturePostCountsAsNowWhateverTheCreationTime() {
        FreshnessScore.Freshness scheduled = FreshnessScore.of(daysAgo(100), CLOCK.instant().plusSeconds(3600), CLOCK.instant());
        assertEquals(1.0, scheduled.value(), EXACT);
        assertEquals(FreshnessScore.Basis.LATEST_POST_AT, scheduled.basis());
    }

    @Test
    void basesHaveTheirWireNames() {
        assertEquals("created_at", FreshnessScore.Basis.CREATED_AT.wireName());
        assertEquals("latest_post_at", FreshnessScore.Basis.LATEST_POST_AT.wireName());
        assertNull(FreshnessScore.Basis.UNKNOWN.wireName());
    }

    @Test
    void fromLatestPostOverThirtyDaysWhenCreationIsUnknown() {
        assertEquals(1.0, FreshnessScore.of(null, daysAgo(0), CLOCK.instant()).value(), EXACT);
        assertEquals(0.8, FreshnessScore.of(null, daysAgo(6), CLOCK.instant()).value(), EXACT);
        assertEquals(0.5, FreshnessScore.of(null, daysAgo(15), CLOCK.instant()).value(), EXACT);
        assertEquals(0.5, FreshnessScore.of(null, daysAgo(20), CLOCK.instant()).value(), EXACT, "floored at 0.5");
        FreshnessScore.Freshness fromPost = FreshnessScore.of(null, daysAgo(3), CLOCK.instant());
        assertEquals(0.9, fromPost.value(), EXACT);
        assertEquals(FreshnessScore.Basis.LATEST_POST_AT, fromPost.basis());
        assertFalse(fromPost.isFallback());
    }

    @Test
    void neitherKnownIsTheCountedFallback() {
        FreshnessScore.Freshness unknown = FreshnessScore.of(null, null, CLOCK.instant());
        assertEquals(0.5, unknown.value(), EXACT);
        assertTrue(unknown.isFallback());
    }

    @Test
    void aTimeInTheFutureCountsAsNow() {
        assertEquals(1.0, FreshnessScore.of(CLOCK.instant().plusSeconds(3600), null, CLOCK.instant()).value(), EXACT);
        assertEquals(FreshnessScore.Basis.CREATED_AT,
                FreshnessScore.of(CLOCK.instant().plusSeconds(3600), null, CLOCK.instant()).basis());
    }
}
