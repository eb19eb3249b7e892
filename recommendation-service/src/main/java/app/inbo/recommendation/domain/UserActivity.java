package app.inbo.recommendation.domain;

import app.inbo.contracts.events.ItemType;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One user event about to be stored: the source event's id (its identity), who did what to which item, where,
 * and the metadata of the interaction (section type, position, dwell time, raw interaction type, ...).
 */
public record UserActivity(
        UUID eventId,
        UUID userId,
        UUID itemId,
        ItemType itemType,
        InteractionKind kind,
        String appSection,
        String sessionId,
        Map<String, Object> metadata,
        Instant occurredAt,
        int progress) {
}
