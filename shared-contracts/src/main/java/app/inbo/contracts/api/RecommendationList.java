package app.inbo.contracts.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** Recommendations for one user; {@code cached} says whether they came from the cache. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecommendationList(List<RecommendedItem> items, boolean cached) {
}
