package app.inbo.experience.service.interactions;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientTimeBoundsTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-03T06:00:00Z");
    private final ClientTimeBounds bounds = new ClientTimeBounds(Duration.ofMinutes(5), Duration.ofDays(30));

    @Test
    void aTimeBetweenTheOldestAcceptedAndTheAllowedSkewIsAccepted() {
        assertEquals(Optional.empty(), bounds.violation(RECEIVED, RECEIVED));
        assertEquals(Optional.empty(), bounds.violation(RECEIVED.minus(Duration.ofHours(7)), RECEIVED));
        assertEquals(Optional.empty(), bounds.violation(RECEIVED.plus(Duration.ofMinutes(5)), RECEIVED), "the skew itself");
        assertEquals(Optional.empty(), bounds.violation(RECEIVED.minus(Duration.ofDays(30)), RECEIVED), "the age itself");
    }

    @Test
    void aTimeAheadByMoreThanTheSkewIsInTheFuture() {
        String reason = bounds.violation(RECEIVED.plus(Duration.ofMinutes(5)).plusMillis(1), RECEIVED).orElseThrow();
        assertEquals("is in the future: more than 5 minutes after the server's time 2026-12-03T06:00:00Z", reason);
        assertTrue(bounds.violation(RECEIVED.plus(Duration.ofDays(400)), RECEIVED).isPresent());
    }

    @Test
    void aTimeOlderThanTheAgeIsTooOld() {
        String reason = bounds.violation(RECEIVED.minus(Duration.ofDays(30)).minusMillis(1), RECEIVED).orElseThrow();
        assertEquals("is too old: more than 30 days before the server's time 2026-12-03T06:00:00Z", reason);
        assertTrue(bounds.violation(Instant.EPOCH, RECEIVED).isPresent());
    }

    @Test
    void noSkewMeansNothingAheadOfTheServer() {
        ClientTimeBounds strict = new ClientTimeBounds(Duration.ZERO, Duration.ofHours(1));
        assertEquals(Optional.empty(), strict.violation(RECEIVED, RECEIVED));
        assertTrue(strict.violation(RECEIVED.plusNanos(1000), RECEIVED).isPresent());
        assertTrue(strict.violation(RECEIVED.minus(Duration.ofMinutes(61)), RECEIVED).isPresent());
    }

    @Test
    void negativeBoundsAreAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new ClientTimeBounds(Duration.ofMinutes(-1), Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> new ClientTimeBounds(Duration.ZERO, Duration.ofDays(-1)));
    }

    @Test
    void boundsReadAsAPersonWouldSayThem() {
        assertEquals("1 minute", ClientTimeBounds.human(Duration.ofMinutes(1)));
        assertEquals("90 seconds", ClientTimeBounds.human(Duration.ofSeconds(90)));
        assertEquals("36 hours", ClientTimeBounds.human(Duration.ofHours(36)));
        assertEquals("2 days", ClientTimeBounds.human(Duration.ofHours(48)));
        assertEquals("1500 milliseconds", ClientTimeBounds.human(Duration.ofMillis(1500)));
        assertEquals("0 seconds", ClientTimeBounds.human(Duration.ZERO));
    }
}
