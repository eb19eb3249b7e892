package app.inbo.experience.service.popularity;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one reconciliation of the popularity counters found and did. {@code status} is {@code completed}, or
 * {@code skipped} when another instance was running the counter jobs. Drift is |Redis - stored| summed over the
 * counters as found (before corrections); {@code discrepancies} lists the first of them one by one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReconciliationReport(
        UUID id,
        String trigger,
        String status,
        Instant startedAt,
        long durationMs,
        int foldedDeltas,
        int itemsChecked,
        int countersChecked,
        long totalDrift,
        int driftingItems,
        int restored,
        int corrected,
        int withinThreshold,
        Features features,
        int trendingItemsRestored,
        List<Discrepancy> discrepancies) {

    /**
     * One counter that disagrees. {@code redis} is null when the counter was missing; {@code finding}: lost,
     * too_high, too_low, negative, invalid (Redis vs stored), feature_lag, feature_excess (item features vs stored);
     * {@code action}: restored, corrected, none (within the threshold), reported (features are not ours to fix).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Discrepancy(UUID itemId, String counter, String redis, long stored, Long features, String finding,
                              String action) {
    }

    /**
     * The recommendation service's item features against the stored counts: {@code status} compared or
     * unavailable (with the reason). Counts behind the record are lag (its consumer has not applied every event
     * yet), never corrected; counts ahead of it are excess and reported.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Features(String status, String reason, int laggingItems, long lag, int excessItems, long excess) {
    }

    static ReconciliationReport skipped(UUID id, String trigger, Instant startedAt) {
        return new ReconciliationReport(id, trigger, "skipped", startedAt, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                null, 0, List.of());
    }
}
