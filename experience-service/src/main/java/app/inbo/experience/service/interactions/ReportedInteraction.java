package app.inbo.experience.service.interactions;

import java.util.UUID;

/**
 * One interaction a client reported, as {@link InteractionRecorder} records it: {@code renderId} the page the item
 * was shown on (null: not known), {@code position} 0-based within the section.
 */
public record ReportedInteraction(UUID renderId, UUID itemId, String sectionType, Integer position,
                                  String interactionType, Long dwellTimeMs, String sessionId) {
}
