package app.inbo.contracts.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.UUID;

/**
 * How many interactions of each counted kind an item has, as one service derived them from the interaction events:
 * the recommendation service's item features, compared by the experience service's counter reconciliation with its
 * own stored interactions and its Redis counters.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ItemCounts(UUID itemId, long views, long clicks, long opens, long dismisses) {
}
