package app.inbo.experience.service.home.scoring;

import app.inbo.contracts.api.CategoryWeight;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CategoryAffinityTest {

    private static final double EXACT = 1e-12;
    private final UUID science = UUID.randomUUID();
    private final UUID design = UUID.randomUUID();
    private final UUID cooking = UUID.randomUUID();
    private final List<CategoryWeight> preferred = List.of(
            new CategoryWeight(science, "science", 4.0),
            new CategoryWeight(design, "design", 1.0));

    @Test
    void sharingTheStrongestCategoryScoresOne() {
        assertEquals(1.0, CategoryAffinity.of(Set.of(science), preferred, 0.5), EXACT);
    }

    @Test
    void sharingAWeakerCategoryStillScoresAtLeastPointEight() {
        assertEquals(0.8 + 0.2 * (1.0 / 4.0), CategoryAffinity.of(Set.of(design, cooking), preferred, 0.5), EXACT);
        assertTrue(CategoryAffinity.of(Set.of(design), List.of(new CategoryWeight(design, "design", 0.0),
                new CategoryWeight(science, "science", 9.0)), 0.5) >= 0.8);
    }

    @Test
    void theBestSharedCategoryCounts() {
        assertEquals(1.0, CategoryAffinity.of(Set.of(design, science), preferred, 0.5), EXACT);
    }

    @Test
    void sharingNoPreferredCategoryScoresZero() {
        assertEquals(0.0, CategoryAffinity.of(Set.of(cooking), preferred, 0.5), EXACT);
        assertEquals(0.0, CategoryAffinity.of(Set.of(), preferred, 0.5), EXACT);
    }

    @Test
    void unknownOrEmptyPreferencesAreNeutral() {
        assertEquals(0.5, CategoryAffinity.of(Set.of(science), null, 0.5), EXACT);
        assertEquals(0.3, CategoryAffinity.of(Set.of(science), List.of(), 0.3), EXACT);
    }
}
