package app.inbo.search;

import app.inbo.search.service.RetryBackoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry schedule: exponential, capped, with jitter taking a bounded share off. */
class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(5), 2.0, Duration.ofMinutes(1), 6, 0.5);

    @Test
    void ceilingGrowsExponentiallyUpToTheCap() {
        assertEquals(Duration.ofSeconds(5), backoff.ceiling(1));
        assertEquals(Duration.ofSeconds(10), backoff.ceiling(2));
        assertEquals(Duration.ofSeconds(20), backoff.ceiling(3));
        assertEquals(Duration.ofSeconds(40), backoff.ceiling(4));
        assertEquals(Duration.ofMinutes(1), backoff.ceiling(5));
        assertEquals(Duration.ofMinutes(1), backoff.ceiling(60));
    }

    @Test
    void jitterTakesAtMostItsShareOff() {
        assertEquals(Duration.ofSeconds(10), backoff.delay(2, 0.0));
        assertEquals(Duration.ofMillis(7500), backoff.delay(2, 0.5));
        assertEquals(Duration.ofMillis(5001), backoff.delay(2, 0.9998));
        for (double r = 0; r < 1; r += 0.01) {
            Duration d = backoff.delay(3, r);
            assertTrue(d.compareTo(Duration.ofSeconds(10)) >= 0 && d.compareTo(Duration.ofSeconds(20)) <= 0, d.toString());
        }
        RetryBackoff noJitter = new RetryBackoff(Duration.ofMillis(100), 3.0, Duration.ofSeconds(10), 3, 0.0);
        assertEquals(Duration.ofMillis(900), noJitter.delay(3, 0.7));
    }

    @Test
    void exhaustedAtTheMaximumAttempts() {
        assertFalse(backoff.exhausted(5));
        assertTrue(backoff.exhausted(6));
        assertTrue(backoff.exhausted(7));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ZERO, 2, Duration.ofSeconds(1), 3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(9), 3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(9), 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(9), 3, 1.5));
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(1, 1.0));
    }
}
