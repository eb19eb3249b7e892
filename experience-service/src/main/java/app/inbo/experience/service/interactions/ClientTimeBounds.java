package app.inbo.experience.service.interactions;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a client's {@code occurred_at} may lie around the time the service received it: at most {@code maxClockSkew}
 * after it (a client's clock running a little fast), at most {@code maxAge} before it (how long a client may queue
 * interactions offline). Anything else is a clock gone wrong or a replay, and would skew decays and trending.
 */
public record ClientTimeBounds(Duration maxClockSkew, Duration maxAge) {

    public ClientTimeBounds {
        if (maxClockSkew.isNegative() || maxAge.isNegative()) {
            throw new IllegalArgumentException("client time bounds must not be negative: skew " + maxClockSkew
                    + ", age " + maxAge);
        }
    }

    /** Why {@code occurredAt} is refused for an interaction received at {@code receivedAt}; empty when it is accepted. */
    public Optional<String> violation(Instant occurredAt, Instant receivedAt) {
        if (occurredAt.isAfter(receivedAt.plus(maxClockSkew))) {
            return Optional.of("is in the future: more than " + human(maxClockSkew) + " after the server's time "
                    + receivedAt);
        }
        if (occurredAt.isBefore(receivedAt.minus(maxAge))) {
            return Optional.of("is too old: more than " + human(maxAge) + " before the server's time " + receivedAt);
        }
        return Optional.empty();
    }

    /** "5 minutes", "30 days": the bound as a client developer reads it. */
    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds > 0 && seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds > 0 && seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return duration.toMillis() % 1000 == 0 ? plural(seconds, "second") : plural(duration.toMillis(), "millisecond");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
