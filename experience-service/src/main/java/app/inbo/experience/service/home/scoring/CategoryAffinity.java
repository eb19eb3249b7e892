package app.inbo.experience.service.home.scoring;

import app.inbo.contracts.api.CategoryWeight;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * How well an item matches the user's preferred categories. An item sharing a preferred category scores
 * {@code 0.8 + 0.2 × w/wmax}, where {@code w} is the weight of its best shared category and {@code wmax} the user's
 * strongest weight, so always at least {@value #SHARED_FLOOR}; an item sharing none scores 0. Without preferences
 * (unknown profile, new user) every item gets the same neutral value, which leaves the ranking to the other
 * components.
 */
public final class CategoryAffinity {

    public static final double SHARED_FLOOR = 0.8;
    static final double SHARED_SPAN = 0.2;

    private CategoryAffinity() {
    }

    /**
     * @param preferred the user's preferred categories, or {@code null} when the profile is unavailable
     */
    public static double of(Collection<UUID> itemCategories, List<CategoryWeight> preferred, double neutral) {
        if (preferred == null || preferred.isEmpty()) {
            return neutral;
        }
        double strongest = preferred.stream().mapToDouble(CategoryWeight::weight).max().orElse(0);
        double bestShared = -1;
        for (CategoryWeight category : preferred) {
            if (itemCategories.contains(category.categoryId())) {
                bestShared = Math.max(bestShared, category.weight());
            }
        }
        if (bestShared < 0) {
            return 0;
        }
        double normalised = strongest > 0 ? Math.min(1, Math.max(0, bestShared / strongest)) : 0;
        return SHARED_FLOOR + SHARED_SPAN * normalised;
    }
}
