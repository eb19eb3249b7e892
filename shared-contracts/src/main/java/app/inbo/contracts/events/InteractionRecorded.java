package app.inbo.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * A user interacted with an item shown on a rendered page. Key: the user id (per-user ordering).
 * {@code appSection} is the page of the render ({@code unknown} when there was no render).
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
        Instant occurredAt) implements EventPayload {

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
