package app.inbo.contracts.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Recommendations for one user; {@code cached} says whether they came from the cache, {@code variant} which
 * experiment variant ranked them (null: no experiment running).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecommendationList(List<RecommendedItem> items, boolean cached, ExperimentVariant variant) {

    /** A list ranked outside any experiment. */
    public RecommendationList(List<RecommendedItem> items, boolean cached) {
        this(items, cached, null);
    }
}
