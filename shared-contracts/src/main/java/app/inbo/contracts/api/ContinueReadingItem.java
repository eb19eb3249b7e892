package app.inbo.contracts.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import app.inbo.contracts.events.ItemType;

import java.time.Instant;
import java.util.UUID;

/** An item the user started and has not finished; {@code newsletterName} is set for posts. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContinueReadingItem(
        UUID id,
        ItemType type,
        String title,
        String description,
        String url,
        int progress,
        Instant lastReadAt,
        String newsletterName) {
}
