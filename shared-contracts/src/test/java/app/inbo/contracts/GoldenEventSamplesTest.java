package app.inbo.contracts;

import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Compatibility guard: every event type has a golden sample as producers wrote it, and that sample must still
 * decode into its record and encode back to the same JSON. Changing a field name breaks this test; a breaking
 * change needs a new schema version (and a new sample), not an edit of the old one.
 */
class GoldenEventSamplesTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenSampleStillDecodesAndRoundTrips(EventType type) throws IOException {
        String json = sample(type);

        EventEnvelope<EventPayload> decoded = EventCodec.decode(json);

        assertEquals(type.wireName(), decoded.eventType());
        assertEquals(type.schemaVersion(), decoded.schemaVersion());
        assertInstanceOf(type.payloadType(), decoded.payload());
        assertEquals(decoded.key(), decoded.payload().partitionKey(), "the key is the payload's ordering key");
        JsonNode original = EventCodec.mapper().readTree(json);
        JsonNode reencoded = EventCodec.mapper().readTree(EventCodec.encode(decoded));
        assertEquals(original, reencoded, "re-encoding must give the golden sample back, field for field");
    }

    private static String sample(EventType type) throws IOException {
        String path = "/golden/" + type.wireName() + ".v" + type.schemaVersion() + ".json";
        try (InputStream in = GoldenEventSamplesTest.class.getResourceAsStream(path)) {
            assertNotNull(in, "missing golden sample " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
