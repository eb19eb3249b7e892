package app.inbo.recommendation.service;

import app.inbo.support.problem.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Variant overrides: every policy field by its snake_case name, checked like the configuration. */
class RankingOverridesTest {

    private static final RankingPolicy BASE = new RankingPolicy(1.0, 1.2, 0.6, 0.3, 0.2, 168, 0.3, 0.8, 3, 10);

    @Test
    void everyFieldOfThePolicyIsOverridableByName() {
        assertEquals(RankingPolicy.class.getRecordComponents().length, RankingOverrides.names().size());
        assertTrue(RankingOverrides.names().containsAll(List.of("affinity_weight", "similarity_weight", "co_engagement_weight",
                "popularity_weight", "freshness_weight", "seen_penalty", "diversity_window")));
    }

    @Test
    void overridesReplaceOnlyTheNamedFields() {
        RankingPolicy policy = RankingOverrides.apply(BASE, Map.of("affinity_weight", 0.5, "diversity_window", 20.0));
        assertEquals(new RankingPolicy(0.5, 1.2, 0.6, 0.3, 0.2, 168, 0.3, 0.8, 3, 20), policy);
        assertSame(BASE, RankingOverrides.apply(BASE, Map.of()));
    }

    @Test
    void badOverridesAreNamedWithTheirReason() {
        List<Problem.InvalidParam> problems = RankingOverrides.problems(Map.of(
                "affinity_wieght", 1.0,
                "seen_penalty", 1.5,
                "popularity_weight", -0.1,
                "diversity_window", 2.5,
                "freshness_half_life_hours", 0.0,
                "freshness_weight", Double.NaN), "variants[1].ranking");
        Map<String, String> byName = new java.util.HashMap<>();
        problems.forEach(p -> byName.put(p.name(), p.reason()));
        assertEquals(6, problems.size(), byName.toString());
        assertTrue(byName.get("variants[1].ranking.affinity_wieght").startsWith("is not a ranking setting"));
        assertEquals("must be at most 1", byName.get("variants[1].ranking.seen_penalty"));
        assertEquals("must not be negative", byName.get("variants[1].ranking.popularity_weight"));
        assertEquals("must be a whole number", byName.get("variants[1].ranking.diversity_window"));
        assertEquals("must be positive", byName.get("variants[1].ranking.freshness_half_life_hours"));
        assertEquals("must be a number", byName.get("variants[1].ranking.freshness_weight"));
        assertTrue(RankingOverrides.problems(Map.of("affinity_weight", 0.0, "diversity_window", 1.0), "r").isEmpty());
        assertEquals("must be at least 1", RankingOverrides.problems(Map.of("diversity_window", 0.0), "r").get(0).reason());
    }

    @Test
    void theFingerprintNamesThePolicy() {
        RankingPolicy other = RankingOverrides.apply(BASE, Map.of("affinity_weight", 0.9));
        assertEquals(RankingOverrides.fingerprint(BASE), RankingOverrides.fingerprint(
                new RankingPolicy(1.0, 1.2, 0.6, 0.3, 0.2, 168, 0.3, 0.8, 3, 10)));
        assertNotEquals(RankingOverrides.fingerprint(BASE), RankingOverrides.fingerprint(other));
        assertTrue(RankingOverrides.fingerprint(BASE).matches("[0-9a-f]{12}"));
    }
}
