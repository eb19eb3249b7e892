package app.inbo.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/** A user's reading progress on an item changed. Key: the user id (per-user ordering). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReadingProgressRecorded(
        UUID userId,
        UUID itemId,
        ItemType itemType,
        int progress,
        boolean completed,
        Instant occurredAt) implements EventPayload {

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
