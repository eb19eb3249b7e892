package app.inbo.experience.service.interactions;

import java.time.Instant;
import java.util.UUID;

/**
 * One interaction a client reported, as {@link InteractionRecorder} records it: {@code renderId} the page the item
 * was shown on (null: not known), {@code position} 0-based within the section, {@code occurredAt} when the user did
 * it by the client's clock (null: not said, the time of receipt).
 */
public record ReportedInteraction(UUID renderId, UUID itemId, String sectionType, Integer position,
                                  String interactionType, Long dwellTimeMs, String sessionId, Instant occurredAt) {
}
