package app.inbo.contracts.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import app.inbo.contracts.events.ItemType;

import java.util.List;
import java.util.UUID;

/**
 * One recommended item and why it was chosen: {@code reason} names the signal that contributed most (e.g.
 * {@code category_affinity}, {@code similar_items}); {@code because} is the user's item that caused it, where
 * there is one ("because you read …"), else null.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecommendedItem(UUID id, ItemType type, String title, List<String> categories, double score, String reason,
                              Because because) {

    public RecommendedItem(UUID id, ItemType type, String title, List<String> categories, double score, String reason) {
        this(id, type, title, categories, score, reason, null);
    }

    /** The item the user engaged with that this recommendation follows from. */
    public record Because(UUID id, String title) {
    }
}
