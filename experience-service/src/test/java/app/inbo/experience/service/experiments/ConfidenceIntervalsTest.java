package app.inbo.experience.service.experiments;

import app.inbo.experience.service.experiments.ConfidenceIntervals.Interval;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static app.inbo.experience.service.experiments.ConfidenceIntervals.Z_95;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's interval math against published values, and the coverage it promises. */
class ConfidenceIntervalsTest {

    private static final double EPSILON = 1e-9;

    @Test
    void wilsonIntervalsMatchTheFormula() {
        // values of (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), computed independently
        assertInterval(0.2552885198782742, 0.36620957698280004, ConfidenceIntervals.wilson(81, 263, Z_95));
        assertInterval(0.236593090512564, 0.7634069094874361, ConfidenceIntervals.wilson(5, 10, Z_95));
        assertInterval(0, 0.2775327998628892, ConfidenceIntervals.wilson(0, 10, Z_95));
        assertInterval(0.7224672001371107, 1, ConfidenceIntervals.wilson(10, 10, Z_95));
        assertNull(ConfidenceIntervals.wilson(0, 0, Z_95), "no impressions, no interval");
        assertThrows(IllegalArgumentException.class, () -> ConfidenceIntervals.wilson(11, 10, Z_95));
    }

    @Test
    void aWilsonIntervalStaysInsideZeroToOneAndNarrowsWithTrials() {
        Interval few = ConfidenceIntervals.wilson(1, 20, Z_95);
        Interval many = ConfidenceIntervals.wilson(100, 2000, Z_95);
        assertTrue(few.low() > 0 && few.high() < 1);
        assertTrue(many.high() - many.low() < few.high() - few.low());
        assertTrue(many.low() < 0.05 && 0.05 < many.high());
    }

    @Test
    void wilsonCoversTheTrueRateAboutNinetyFivePercentOfTheTime() {
        Random random = new Random(6);
        double truth = 0.04;
        int covered = 0;
        int runs = 4000;
        for (int run = 0; run < runs; run++) {
            int successes = 0;
            for (int i = 0; i < 300; i++) {
                successes += random.nextDouble() < truth ? 1 : 0;
            }
            Interval interval = ConfidenceIntervals.wilson(successes, 300, Z_95);
            covered += interval.low() <= truth && truth <= interval.high() ? 1 : 0;
        }
        assertEquals(0.95, covered / (double) runs, 0.015);
    }

    @Test
    void theMeanIntervalIsMeanPlusMinusZTimesTheStandardError() {
        assertInterval(10 - Z_95 * 0.2, 10 + Z_95 * 0.2, ConfidenceIntervals.mean(10, 2, 100, Z_95));
        assertInterval(4200 - 1.959963984540054 * 1500 / Math.sqrt(9), 4200 + 1.959963984540054 * 1500 / 3,
                ConfidenceIntervals.mean(4200, 1500, 9, Z_95));
        assertNull(ConfidenceIntervals.mean(5, 0, 1, Z_95), "one value has no spread to speak of");
    }

    private static void assertInterval(double low, double high, Interval interval) {
        assertEquals(low, interval.low(), EPSILON, "low of " + interval);
        assertEquals(high, interval.high(), EPSILON, "high of " + interval);
    }
}
