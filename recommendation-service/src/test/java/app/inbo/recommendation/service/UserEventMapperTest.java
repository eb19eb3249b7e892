package app.inbo.recommendation.service;

import app.inbo.contracts.api.ExperimentVariant;
import app.inbo.recommendation.domain.UserActivity;
import app.inbo.recommendation.domain.InteractionKind;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.PoisonEventException;
import app.inbo.contracts.events.ReadingProgressRecorded;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented mapping from other services' events to user events. */
class UserEventMapperTest {

    private static final UUID USER = UUID.randomUUID();
    private static final UUID ITEM = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2025-06-01T10:00:00Z");

    @Test
    void interactionTypesMapToUserEvents() {
        assertEquals("click", interaction("click").orElseThrow().kind().storedAs());
        assertEquals("open", interaction("view").orElseThrow().kind().storedAs());
        assertEquals("open", interaction("open").orElseThrow().kind().storedAs());
        assertEquals("dismiss", interaction("dismiss").orElseThrow().kind().storedAs());
        assertEquals(InteractionKind.VIEW, interaction("view").orElseThrow().kind(), "a view is weighted as a view");
        assertTrue(interaction("share").isEmpty(), "types we do not learn from make no user event");
    }

    @Test
    void readingProgressMapsToReadOrComplete() {
        assertEquals("read", progress(40, false).kind().storedAs());
        assertEquals(40, progress(40, false).progress());
        assertEquals("complete", progress(100, true).kind().storedAs());
    }

    @Test
    void aUserEventKeepsWhoWhatWhereAndTheMetadata() {
        UUID render = UUID.randomUUID();
        EventEnvelope<InteractionRecorded> event = EventEnvelope.wrap(new InteractionRecorded(UUID.randomUUID(), USER,
                ITEM, ItemType.NEWSLETTER, "click", "for_you", 3, 4200L, "session-9", render, "home", AT), "experience-service", AT);
        UserActivity activity = UserEventMapper.map(event).orElseThrow();
        assertEquals(event.eventId(), activity.eventId());
        assertEquals(USER, activity.userId());
        assertEquals(ITEM, activity.itemId());
        assertEquals(ItemType.NEWSLETTER, activity.itemType());
        assertEquals("home", activity.appSection());
        assertEquals("session-9", activity.sessionId());
        assertEquals(AT, activity.occurredAt());
        assertEquals("for_you", activity.metadata().get("section_type"));
        assertEquals(3, activity.metadata().get("position"));
        assertEquals(4200L, activity.metadata().get("dwell_time_ms"));
        assertEquals("click", activity.metadata().get("interaction_type"));
    }

    @Test
    void theExperimentVariantOfAnInteractionIsKeptOnTheUserEvent() {
        EventEnvelope<InteractionRecorded> event = EventEnvelope.wrap(new InteractionRecorded(UUID.randomUUID(), USER,
                ITEM, ItemType.POST, "click", "recommended", 0, null, "s", UUID.randomUUID(), "home", AT, AT,
                new ExperimentVariant("item-cf", "treatment")), "experience-service", AT);
        UserActivity activity = UserEventMapper.map(event).orElseThrow();
        assertEquals("item-cf", activity.metadata().get("experiment"));
        assertEquals("treatment", activity.metadata().get("variant"));
        assertFalse(interaction("click").orElseThrow().metadata().containsKey("variant"), "none outside experiments");
    }

    @Test
    void anInteractionWithoutUserOrItemIsPoison() {
        EventEnvelope<InteractionRecorded> noItem = EventEnvelope.wrap(new InteractionRecorded(UUID.randomUUID(), USER,
                null, ItemType.POST, "click", null, null, null, null, null, "home", AT), "experience-service", AT);
        PoisonEventException poison = assertThrows(PoisonEventException.class, () -> UserEventMapper.map(noItem));
        assertEquals(PoisonEventException.Reason.MALFORMED, poison.reason());
    }

    private static Optional<UserActivity> interaction(String type) {
        return UserEventMapper.map(EventEnvelope.wrap(new InteractionRecorded(UUID.randomUUID(), USER, ITEM, ItemType.POST,
                type, "for_you", 1, null, "s", null, "home", AT), "experience-service", AT));
    }

    private static UserActivity progress(int progress, boolean completed) {
        return UserEventMapper.map(EventEnvelope.wrap(new ReadingProgressRecorded(USER, ITEM, ItemType.POST, progress,
                completed, AT), "reading-service", AT)).orElseThrow();
    }
}
