package app.inbo.search;

import app.inbo.search.service.QueryText;
import app.inbo.search.service.SearchCursor;
import app.inbo.support.problem.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Query words never carry tsquery syntax; cursors round-trip exactly and refuse anything else. */
class QueryTextAndCursorTest {

    @Test
    void querySyntaxOnlySeparatesWords() {
        assertEquals(List.of("rust", "weekly"), QueryText.parse("  (Rust) & !weekly:* ").words());
        assertEquals(List.of("café", "2024"), QueryText.parse("'café' | \"2024\"\\").words());
        assertTrue(QueryText.parse("&|!():*'\"\\").isEmpty());
        assertEquals("a b", QueryText.parse("A\tB").normalized());
        assertEquals(QueryText.MAX_WORDS, QueryText.parse("w ".repeat(50)).words().size());
    }

    @Test
    void cursorRoundTripsExactly() {
        SearchCursor cursor = new SearchCursor(Instant.ofEpochMilli(1_700_000_000_123L), 0.1 + 0.2,
                UUID.fromString("7a000000-0000-4000-8000-0000000000aa"), "abc123");
        assertEquals(cursor, SearchCursor.decode(cursor.encode(), "abc123"));
    }

    @Test
    void foreignOrBrokenCursorsAreRefusedNamingTheCursor() {
        SearchCursor cursor = new SearchCursor(Instant.now(), 1.5, UUID.randomUUID(), "abc123");
        for (String broken : List.of("x", "%%%", "djF8MXwy", cursor.encode() + "AA", "a".repeat(400))) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> SearchCursor.decode(broken, "abc123"));
            assertEquals("cursor", e.invalidParams().get(0).name());
        }
        assertThrows(InvalidRequestException.class, () -> SearchCursor.decode(cursor.encode(), "other"));
    }
}
