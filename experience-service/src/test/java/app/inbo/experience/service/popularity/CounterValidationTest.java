package app.inbo.experience.service.popularity;

import app.inbo.experience.domain.CounterStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CounterValidationTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant T60 = T0.plusSeconds(60);
    private final CounterValidation validation = new CounterValidation(10, 100);

    @Test
    void firstValueIsAcceptedWithNoRate() {
        CounterValidation.Outcome outcome = validation.check(null, "42", T0);
        assertEquals(CounterValidation.Verdict.ACCEPTED, outcome.verdict());
        assertEquals(new CounterStore.Snapshot(42, T0, 0), outcome.next());
    }

    @Test
    void growthAtTheRecentRateIsAcceptedAndSetsTheNewRate() {
        // 2 per second before; 60 s later 120 more (the same rate)
        CounterValidation.Outcome outcome = validation.check(new CounterStore.Snapshot(1000, T0, 2), "1120", T60);
        assertEquals(CounterValidation.Verdict.ACCEPTED, outcome.verdict());
        assertEquals(new CounterStore.Snapshot(1120, T60, 2.0), outcome.next());
    }

    @Test
    void unchangedValueIsAcceptedAndTheRateDropsToZero() {
        CounterValidation.Outcome outcome = validation.check(new CounterStore.Snapshot(7, T0, 1), "7", T60);
        assertEquals(new CounterStore.Snapshot(7, T60, 0), outcome.next());
    }

    @Test
    void negativeValuesAreRejected() {
        CounterValidation.Outcome outcome = validation.check(new CounterStore.Snapshot(7, T0, 1), "-3", T60);
        assertEquals(CounterValidation.Verdict.NEGATIVE, outcome.verdict());
        assertNull(outcome.next());
        assertEquals(CounterValidation.Verdict.NEGATIVE, validation.check(null, "-1", T0).verdict());
    }

    @Test
    void valuesLowerThanTheLastSnapshotAreRejected() {
        assertEquals(CounterValidation.Verdict.DECREASED,
                validation.check(new CounterStore.Snapshot(50, T0, 1), "49", T60).verdict());
    }

    @Test
    void growthBeyondFactorTimesRecentRateIsASpike() {
        CounterStore.Snapshot previous = new CounterStore.Snapshot(1000, T0, 2); // 2/s -> 10 x 2 x 60 = 1,200 allowed
        assertEquals(CounterValidation.Verdict.ACCEPTED, validation.check(previous, "2200", T60).verdict());
        CounterValidation.Outcome spike = validation.check(previous, "2201", T60);
        assertEquals(CounterValidation.Verdict.SPIKE, spike.verdict());
        assertEquals(2201L, spike.value());
        assertNull(spike.next());
    }

    @Test
    void quietItemsMayAlwaysGrowByTheAllowance() {
        CounterStore.Snapshot quiet = new CounterStore.Snapshot(5, T0, 0);
        assertEquals(CounterValidation.Verdict.ACCEPTED, validation.check(quiet, "105", T60).verdict());
        assertEquals(CounterValidation.Verdict.SPIKE, validation.check(quiet, "106", T60).verdict());
    }

    @Test
    void valuesThatAreNotNumbersAreRejected() {
        assertEquals(CounterValidation.Verdict.INVALID, validation.check(null, "lots", T0).verdict());
    }
}
