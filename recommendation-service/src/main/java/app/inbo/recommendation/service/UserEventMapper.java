package app.inbo.recommendation.service;

import app.inbo.recommendation.domain.UserActivity;
import app.inbo.recommendation.domain.InteractionKind;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.PoisonEventException;
import app.inbo.contracts.events.ReadingProgressRecorded;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the events of other services into user events:
 * <pre>
 *   experience.interaction.recorded  click    → click
 *                                    view     → open   (impression; weighted as a view)
 *                                    open     → open
 *                                    dismiss  → dismiss
 *                                    other    → none (counted, not stored)
 *   reading.progress.recorded        completed=false → read
 *                                    completed=true  → complete
 * </pre>
 * An event that lacks what a user event needs (user, item, item type) can never be applied: it is poison.
 */
public final class UserEventMapper {

    private UserEventMapper() {
    }

    public static Optional<UserActivity> map(EventEnvelope<? extends EventPayload> event) {
        if (event.payload() instanceof InteractionRecorded interaction) {
            return fromInteraction(event, interaction);
        }
        if (event.payload() instanceof ReadingProgressRecorded progress) {
            return Optional.of(fromProgress(event, progress));
        }
        return Optional.empty();
    }

    private static Optional<UserActivity> fromInteraction(EventEnvelope<?> event, InteractionRecorded interaction) {
        require(interaction.userId() != null, "user_id");
        require(interaction.itemId() != null, "item_id");
        require(interaction.itemType() != null, "item_type");
        return InteractionKind.ofInteraction(interaction.interactionType()).map(kind -> {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("interaction_type", interaction.interactionType());
            metadata.put("section_type", interaction.sectionType());
            metadata.put("position", interaction.position());
            metadata.put("dwell_time_ms", interaction.dwellTimeMs());
            metadata.put("render_id", interaction.renderId() == null ? null : interaction.renderId().toString());
            metadata.put("interaction_id", interaction.interactionId() == null ? null : interaction.interactionId().toString());
            if (interaction.variant() != null) {
                // per-variant analysis of user events needs no join back to the experience service's renders
                metadata.put("experiment", interaction.variant().experiment());
                metadata.put("variant", interaction.variant().name());
            }
            return new UserActivity(event.eventId(), interaction.userId(), interaction.itemId(), interaction.itemType(),
                    kind, interaction.appSection(), interaction.sessionId(), metadata,
                    occurredAt(interaction.occurredAt(), event), 0);
        });
    }

    private static UserActivity fromProgress(EventEnvelope<?> event, ReadingProgressRecorded progress) {
        require(progress.userId() != null, "user_id");
        require(progress.itemId() != null, "item_id");
        require(progress.itemType() != null, "item_type");
        InteractionKind kind = progress.completed() ? InteractionKind.COMPLETE : InteractionKind.READ;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("progress", progress.progress());
        metadata.put("completed", progress.completed());
        return new UserActivity(event.eventId(), progress.userId(), progress.itemId(), progress.itemType(), kind,
                "reading", null, metadata, occurredAt(progress.occurredAt(), event), progress.progress());
    }

    private static Instant occurredAt(Instant payloadTime, EventEnvelope<?> event) {
        return payloadTime != null ? payloadTime : event.occurredAt();
    }

    private static void require(boolean present, String field) {
        if (!present) {
            throw new PoisonEventException(PoisonEventException.Reason.MALFORMED, field + " is missing");
        }
    }
}
