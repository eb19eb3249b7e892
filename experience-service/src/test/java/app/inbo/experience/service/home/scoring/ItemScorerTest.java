package app.inbo.experience.service.home.scoring;

import app.inbo.contracts.api.CategoryWeight;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemScorerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final double EXACT = 1e-12;
    private final UUID science = UUID.randomUUID();
    private final List<CategoryWeight> preferred = List.of(new CategoryWeight(science, "science", 2.0));
    private final ItemScorer scorer = new ItemScorer(new ScoringWeights(0.4, 0.35, 0.25), 0.5);

    @Test
    void combinesTheComponentsAsAWeightedMean() {
        Instant fifteenDaysAgo = CLOCK.instant().minus(Duration.ofDays(15));
        ItemScorer.ItemScore score = scorer.score(
                new ItemScorer.Input(Set.of(science), fifteenDaysAgo, null, 30), preferred, 60, CLOCK.instant());
        assertEquals(1.0, score.affinity(), EXACT);
        assertEquals(0.75, score.freshness().value(), EXACT);
        assertEquals(0.5, score.popularity(), EXACT);
        assertEquals((0.4 * 1.0 + 0.35 * 0.75 + 0.25 * 0.5) / 1.0, score.total(), EXACT);
    }

    @Test
    void popularityIsNormalisedByTheBoardMaximum() {
        assertEquals(1.0, PopularityScore.normalised(80, 80), EXACT);
        assertEquals(0.25, PopularityScore.normalised(20, 80), EXACT);
        assertEquals(0.0, PopularityScore.normalised(0, 80), EXACT);
        assertEquals(0.0, PopularityScore.normalised(5, 0), EXACT, "an empty board gives no popularity");
    }

    @Test
    void aPreferredCategoryOutranksAnOtherwiseEqualItem() {
        Instant created = CLOCK.instant().minus(Duration.ofDays(2));
        double matching = scorer.score(new ItemScorer.Input(Set.of(science), created, null, 0), preferred, 0,
                CLOCK.instant()).total();
        double other = scorer.score(new ItemScorer.Input(Set.of(UUID.randomUUID()), created, null, 0), preferred, 0,
                CLOCK.instant()).total();
        assertTrue(matching > other);
    }

    @Test
    void weightsMustBeUsable() {
        assertThrows(IllegalArgumentException.class, () -> new ScoringWeights(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ScoringWeights(-1, 1, 1));
    }
}
