package app.inbo.contracts.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.util.UUID;

/**
 * Reads and writes {@link EventEnvelope}s as JSON. Decoding checks the envelope, resolves the payload record
 * from the event type and schema version, and reports a record that can never be processed as a
 * {@link PoisonEventException} (the consumer dead-letters it and moves on).
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // additive fields within a schema version are compatible
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private EventCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(EventEnvelope<?> envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + envelope.eventId() + " cannot be serialised", e);
        }
    }

    public static EventEnvelope<EventPayload> decode(String json) {
        if (json == null || json.isBlank()) {
            throw new PoisonEventException(PoisonEventException.Reason.MALFORMED, "empty record");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException(PoisonEventException.Reason.MALFORMED, "not JSON: " + e.getOriginalMessage());
        }
        String wireType = text(root, "event_type");
        EventType type = EventType.fromWire(wireType).orElseThrow(() -> new PoisonEventException(
                PoisonEventException.Reason.UNKNOWN_TYPE, "unknown event_type '" + wireType + "'"));
        JsonNode version = root.get("schema_version");
        if (version == null || !version.isInt()) {
            throw new PoisonEventException(PoisonEventException.Reason.MALFORMED, "schema_version missing or not an integer");
        }
        if (version.intValue() != type.schemaVersion()) {
            throw new PoisonEventException(PoisonEventException.Reason.UNSUPPORTED_VERSION,
                    "schema_version " + version.intValue() + " of " + wireType + " is not supported (expected "
                            + type.schemaVersion() + ")");
        }
        try {
            EventPayload payload = MAPPER.treeToValue(required(root, "payload"), type.payloadType());
            return new EventEnvelope<>(
                    UUID.fromString(text(root, "event_id")),
                    wireType,
                    version.intValue(),
                    Instant.parse(text(root, "occurred_at")),
                    text(root, "producer"),
                    text(root, "key"),
                    payload);
        } catch (JsonProcessingException | IllegalArgumentException | java.time.format.DateTimeParseException
                 | NullPointerException e) {
            throw new PoisonEventException(PoisonEventException.Reason.MALFORMED,
                    "invalid " + wireType + ": " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new PoisonEventException(PoisonEventException.Reason.MALFORMED, field + " is missing");
        }
        return node;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isTextual()) {
            throw new PoisonEventException(PoisonEventException.Reason.MALFORMED, field + " is not a string");
        }
        return node.textValue();
    }
}
