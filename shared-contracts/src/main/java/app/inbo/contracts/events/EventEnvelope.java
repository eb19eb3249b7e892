package app.inbo.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one envelope every Kafka message of the suite travels in.
 *
 * @param eventId       the idempotency key: a consumer applies an event id at most once
 * @param eventType     what happened, e.g. {@code newsletter.upserted}; selects the payload record
 * @param schemaVersion version of the payload schema for that type
 * @param occurredAt    when the change happened at the producer (UTC)
 * @param producer      the service that produced it
 * @param key           the Kafka record key (ordering scope: user id or item id)
 * @param payload       the event record
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventEnvelope<T extends EventPayload>(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String producer,
        String key,
        T payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(eventType, "event_type");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
    }

    /** Wraps a payload in a new envelope with a fresh event id. */
    public static <P extends EventPayload> EventEnvelope<P> wrap(P payload, String producer, Instant occurredAt) {
        EventType type = EventType.of(payload.getClass());
        return new EventEnvelope<>(UUID.randomUUID(), type.wireName(), type.schemaVersion(), occurredAt, producer,
                payload.partitionKey(), payload);
    }
}
