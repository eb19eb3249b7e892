package app.inbo.contracts.events;

import app.inbo.contracts.api.ExperimentVariant;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * A user interacted with an item shown on a rendered page. Key: the user id (per-user ordering).
 * {@code appSection} is the page of the render ({@code unknown} when there was no render); {@code variant} the A/B
 * experiment variant that ranked the render's recommendations (null: none, or no render).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InteractionRecorded(
        UUID interactionId,
        UUID userId,
        UUID itemId,
        ItemType itemType,
        String interactionType,
        String sectionType,
        Integer position,
        Long dwellTimeMs,
        String sessionId,
        UUID renderId,
        String appSection,
        Instant occurredAt,
        ExperimentVariant variant) implements EventPayload {

    /** An interaction outside any experiment. */
    public InteractionRecorded(UUID interactionId, UUID userId, UUID itemId, ItemType itemType, String interactionType,
                               String sectionType, Integer position, Long dwellTimeMs, String sessionId, UUID renderId,
                               String appSection, Instant occurredAt) {
        this(interactionId, userId, itemId, itemType, interactionType, sectionType, position, dwellTimeMs, sessionId,
                renderId, appSection, occurredAt, null);
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
