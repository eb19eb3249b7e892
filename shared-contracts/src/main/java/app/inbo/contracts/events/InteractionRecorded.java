package app.inbo.contracts.events;

import app.inbo.contracts.api.ExperimentVariant;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * A user interacted with an item shown on a rendered page. Key: the user id (per-user ordering).
 * {@code appSection} is the page of the render ({@code unknown} when there was no render). {@code occurredAt} is
 * when the user did it (the client's time, checked against bounds, or the receive time when the client sent none);
 * {@code receivedAt} is when the experience service received it (null in events written before it was added). The
 * events of one request are produced in {@code occurredAt} order. {@code variant} is the A/B experiment variant that
 * ranked the render's recommendations (null: none, or no render).
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
        Instant receivedAt,
        ExperimentVariant variant) implements EventPayload {

    /** An interaction received when it occurred, outside any experiment (a producer that knows neither). */
    public InteractionRecorded(UUID interactionId, UUID userId, UUID itemId, ItemType itemType, String interactionType,
                               String sectionType, Integer position, Long dwellTimeMs, String sessionId, UUID renderId,
                               String appSection, Instant occurredAt) {
        this(interactionId, userId, itemId, itemType, interactionType, sectionType, position, dwellTimeMs, sessionId,
                renderId, appSection, occurredAt, null, null);
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
