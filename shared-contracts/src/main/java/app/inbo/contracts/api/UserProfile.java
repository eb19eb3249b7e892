package app.inbo.contracts.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the recommendation service knows of a user that other services use when they rank items: preferred
 * categories (top-k by weight), and items the user completed or dismissed (never to be shown again).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserProfile(
        UUID userId,
        List<CategoryWeight> preferredCategories,
        List<UUID> completedItems,
        List<UUID> dismissedItems,
        Instant updatedAt) {
}
