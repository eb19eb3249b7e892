package app.inbo.contracts.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.UUID;

/**
 * One page of {@link ItemCounts} in item-id order; {@code nextAfter} is the id to ask the next page after, null on
 * the last page.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ItemCountsPage(List<ItemCounts> items, UUID nextAfter) {
}
