package app.inbo.experience.service.popularity;

import app.inbo.experience.domain.CounterStore;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether a counter value read from Redis may replace its last snapshot. Counters only grow, and they grow
 * at about their recent rate: a value that is not a number, negative, lower than the last snapshot, or higher than
 * the snapshot by more than {@code max(allowance, factor x recent rate x elapsed)} is rejected, and the previous
 * good value stands until the reconciliation corrects Redis. Pure; the clock is the caller's.
 */
public final class CounterValidation {

    public enum Verdict {
        ACCEPTED, INVALID, NEGATIVE, DECREASED, SPIKE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The verdict, and the snapshot to store when accepted. */
    public record Outcome(Verdict verdict, Long value, CounterStore.Snapshot next) {
        public boolean accepted() {
            return verdict == Verdict.ACCEPTED;
        }
    }

    private final double spikeFactor;
    private final long spikeAllowance;

    public CounterValidation(double spikeFactor, long spikeAllowance) {
        this.spikeFactor = spikeFactor;
        this.spikeAllowance = spikeAllowance;
    }

    /**
     * @param previous the last snapshot, null when there is none
     * @param raw      the value in Redis (not null: a missing counter is the reconciliation's to restore)
     */
    public Outcome check(CounterStore.Snapshot previous, String raw, Instant now) {
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException notANumber) {
            return new Outcome(Verdict.INVALID, null, null);
        }
        if (value < 0) {
            return new Outcome(Verdict.NEGATIVE, value, null);
        }
        if (previous == null) {
            return new Outcome(Verdict.ACCEPTED, value, new CounterStore.Snapshot(value, now, 0));
        }
        if (value < previous.value()) {
            return new Outcome(Verdict.DECREASED, value, null);
        }
        double elapsed = Math.max(0, Duration.between(previous.takenAt(), now).toMillis() / 1000d);
        long growth = value - previous.value();
        if (growth > Math.max(spikeAllowance, spikeFactor * previous.ratePerSecond() * elapsed)) {
            return new Outcome(Verdict.SPIKE, value, null);
        }
        double rate = elapsed > 0 ? growth / elapsed : previous.ratePerSecond();
        return new Outcome(Verdict.ACCEPTED, value, new CounterStore.Snapshot(value, now, rate));
    }
}
