package app.inbo.contracts.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import app.inbo.contracts.events.ItemType;

import java.util.List;
import java.util.UUID;

/** One recommended item and why it was chosen ({@code reason}, e.g. {@code category_affinity}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecommendedItem(UUID id, ItemType type, String title, List<String> categories, double score, String reason) {
}
