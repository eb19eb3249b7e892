package app.inbo.contracts;

import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.PoisonEventException;
import app.inbo.contracts.events.ReadingProgressRecorded;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {

    private final ReadingProgressRecorded progress = new ReadingProgressRecorded(UUID.randomUUID(), UUID.randomUUID(),
            ItemType.POST, 40, false, Instant.parse("2026-11-28T10:00:00Z"));

    @Test
    void wrapKeysByPayloadAndWritesSnakeCase() {
        EventEnvelope<ReadingProgressRecorded> envelope =
                EventEnvelope.wrap(progress, "reading-service", Instant.parse("2026-11-28T10:00:00Z"));
        String json = EventCodec.encode(envelope);

        assertEquals(progress.userId().toString(), envelope.key());
        assertEquals("reading.progress.recorded", envelope.eventType());
        assertTrue(json.contains("\"event_id\""), json);
        assertTrue(json.contains("\"item_type\":\"post\""), json);
        assertTrue(json.contains("\"occurred_at\":\"2026-11-28T10:00:00Z\""), json);
        assertEquals(envelope, EventCodec.decode(json));
    }

    @Test
    void anInteractionWrittenBeforeExperimentsDecodesWithoutAVariant() {
        String before = """
                {"event_id": "0b6f3c1e-5d2a-4c8e-9f1a-2b3c4d5e6f70", "event_type": "experience.interaction.recorded",
                 "schema_version": 1, "occurred_at": "2026-11-28T10:15:30.123Z", "producer": "experience-service",
                 "key": "3d000000-0000-4000-8000-0000000000cc",
                 "payload": {"interaction_id": "1e000000-0000-4000-8000-0000000000dd",
                             "user_id": "3d000000-0000-4000-8000-0000000000cc",
                             "item_id": "7a000000-0000-4000-8000-0000000000aa", "item_type": "newsletter",
                             "interaction_type": "click", "app_section": "unknown",
                             "occurred_at": "2026-11-28T10:15:30.123Z"}}""";
        InteractionRecorded decoded = (InteractionRecorded) EventCodec.decode(before).payload();
        assertEquals("click", decoded.interactionType());
        assertNull(decoded.variant());
    }

    @Test
    void recordsThatCanNeverBeProcessedAreNamedPoison() {
        String good = EventCodec.encode(EventEnvelope.wrap(progress, "reading-service", Instant.now()));

        assertEquals(PoisonEventException.Reason.MALFORMED,
                assertThrows(PoisonEventException.class, () -> EventCodec.decode("{not json")).reason());
        assertEquals(PoisonEventException.Reason.UNKNOWN_TYPE, assertThrows(PoisonEventException.class,
                () -> EventCodec.decode(good.replace("reading.progress.recorded", "reading.progress.lost"))).reason());
        assertEquals(PoisonEventException.Reason.UNSUPPORTED_VERSION, assertThrows(PoisonEventException.class,
                () -> EventCodec.decode(good.replace("\"schema_version\":1", "\"schema_version\":7"))).reason());
        assertEquals(PoisonEventException.Reason.MALFORMED, assertThrows(PoisonEventException.class,
                () -> EventCodec.decode(good.replace("\"item_type\":\"post\"", "\"item_type\":\"podcast\""))).reason());
        assertEquals(PoisonEventException.Reason.MALFORMED, assertThrows(PoisonEventException.class,
                () -> EventCodec.decode(good.replace(progress.userId().toString(), "not-a-uuid"))).reason());
    }

    /** {@code received_at} was added to the interaction event within version 1: events written before it still decode. */
    @Test
    void anInteractionWrittenBeforeReceivedAtExistedDecodesWithoutIt() {
        InteractionRecorded interaction = new InteractionRecorded(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                ItemType.POST, "click", "trending", 0, 10L, "s", null, "unknown", Instant.parse("2026-11-28T09:00:00Z"),
                Instant.parse("2026-11-28T10:00:00Z"), null);
        String json = EventCodec.encode(EventEnvelope.wrap(interaction, "experience-service", Instant.now()));
        String before = json.replace(",\"received_at\":\"2026-11-28T10:00:00Z\"", "");
        assertTrue(json.length() > before.length(), json);

        EventPayload decoded = EventCodec.decode(before).payload();
        assertEquals(Instant.parse("2026-11-28T09:00:00Z"), ((InteractionRecorded) decoded).occurredAt());
        assertNull(((InteractionRecorded) decoded).receivedAt());
        assertEquals(interaction, EventCodec.decode(json).payload());
    }
}
