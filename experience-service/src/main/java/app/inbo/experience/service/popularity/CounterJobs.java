package app.inbo.experience.service.popularity;

import app.inbo.contracts.api.ItemCounts;
import app.inbo.contracts.api.ItemCountsPage;
import app.inbo.experience.client.Fetched;
import app.inbo.experience.client.RecommendationClient;
import app.inbo.experience.config.ExperienceConfig;
import app.inbo.experience.domain.CounterStore;
import app.inbo.experience.domain.InteractionStore;
import app.inbo.experience.domain.ItemCounter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The popularity counters' backup and reconciliation. Redis holds the counters the pages read; the record is the
 * stored interactions ({@code item_count}, folded from per-transaction deltas); the recommendation service's item
 * features are derived from the same events.
 * <ul>
 * <li><b>snapshot</b> (every {@code snapshot-interval}): copies the Redis counters into {@code counter_snapshot},
 * each validated first ({@link CounterValidation}); a rejected value is logged and counted
 * ({@code experience_counter_rejected_total{reason}}) and the previous snapshot stands.</li>
 * <li><b>reconcile</b> (every {@code reconcile-interval}, {@code first-reconcile-delay} after start, and on demand):
 * folds the deltas, compares per counter Redis with the record and the item features, restores lost counters and
 * corrects those beyond the threshold (snapshot updated to the corrected value), restores lost trending hours,
 * exports drift and lag, and stores its report.</li>
 * </ul>
 * Both run in one transaction holding a PostgreSQL advisory lock, so with several instances one runs at a time and
 * the others skip that round.
 */
@ApplicationScoped
public class CounterJobs {

    private static final Logger LOG = Logger.getLogger(CounterJobs.class);
    private static final int JOB_TIMEOUT_SECONDS = 600;

    /** What one snapshot did. */
    public record SnapshotReport(String status, int taken, int unchanged, int rejected, int missing,
                                 List<Rejection> rejections) {
    }

    public record Rejection(UUID itemId, String counter, String value, Long previous, String reason) {
    }

    @Inject
    CounterStore store;

    @Inject
    PopularityCounters redisCounters;

    @Inject
    TrendingBoard trending;

    @Inject
    InteractionStore interactions;

    @Inject
    RecommendationClient recommendations;

    @Inject
    ExperienceConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private final AtomicLong drift = new AtomicLong();
    private final AtomicLong driftingItems = new AtomicLong();
    private final AtomicLong featureLag = new AtomicLong();
    private final AtomicLong featureLaggingItems = new AtomicLong();
    private final AtomicLong featureExcessItems = new AtomicLong();
    private final AtomicLong lastSnapshot = new AtomicLong();
    private final AtomicLong lastReconciliation = new AtomicLong();
    private CounterValidation validation;
    private Timer reconcileTimer;

    @PostConstruct
    void init() {
        ExperienceConfig.Counters counters = config.counters();
        validation = new CounterValidation(counters.spikeFactor(), counters.spikeAllowance());
        registry.gauge("experience_counter_drift", drift);
        registry.gauge("experience_counter_drifting_items", driftingItems);
        registry.gauge("experience_counter_feature_lag", featureLag);
        registry.gauge("experience_counter_feature_lagging_items", featureLaggingItems);
        registry.gauge("experience_counter_feature_excess_items", featureExcessItems);
        registry.gauge("experience_counter_last_snapshot_seconds", lastSnapshot);
        registry.gauge("experience_counter_last_reconciliation_seconds", lastReconciliation);
        reconcileTimer = registry.timer("experience_counter_reconciliation_duration");
        for (CounterValidation.Verdict verdict : CounterValidation.Verdict.values()) {
            if (verdict != CounterValidation.Verdict.ACCEPTED) {
                registry.counter("experience_counter_rejected_total", "reason", verdict.wireName());
            }
        }
    }

    @Scheduled(every = "${inbo.experience.counters.snapshot-interval:1m}",
            delayed = "${inbo.experience.counters.snapshot-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSnapshot() {
        counted("snapshot", () -> snapshot());
    }

    @Scheduled(every = "${inbo.experience.counters.reconcile-interval:5m}",
            delayed = "${inbo.experience.counters.first-reconcile-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledReconciliation() {
        counted("reconcile", () -> reconcile("scheduled"));
    }

    /** Copies the valid Redis counters into the backup. */
    public SnapshotReport snapshot() {
        return QuarkusTransaction.requiringNew().timeout(JOB_TIMEOUT_SECONDS).call(() -> {
            if (!store.tryJobLock()) {
                return new SnapshotReport("skipped", 0, 0, 0, 0, List.of());
            }
            Instant now = Instant.now(clock);
            Map<CounterStore.Key, CounterStore.Snapshot> previous = store.snapshots();
            Set<CounterStore.Key> keys = redisCounters.presentKeys();
            keys.addAll(previous.keySet());
            Map<CounterStore.Key, String> values = redisCounters.read(keys);
            Map<CounterStore.Key, CounterStore.Snapshot> next = new HashMap<>();
            List<Rejection> rejections = new ArrayList<>();
            int unchanged = 0;
            int missing = 0;
            int rejected = 0;
            for (CounterStore.Key key : keys) {
                String raw = values.get(key);
                CounterStore.Snapshot before = previous.get(key);
                if (raw == null) {
                    missing++;
                    continue;
                }
                CounterValidation.Outcome outcome = validation.check(before, raw, now);
                if (outcome.accepted()) {
                    if (before == null || before.value() != outcome.next().value()) {
                        next.put(key, outcome.next());
                    } else {
                        unchanged++;
                    }
                    continue;
                }
                rejected++;
                String reason = outcome.verdict().wireName();
                registry.counter("experience_counter_rejected_total", "reason", reason).increment();
                LOG.warnf("counter %s of item %s not backed up: Redis holds %s, last snapshot %s (%s); the snapshot "
                                + "stands until the reconciliation corrects Redis", key.counter().counterName(),
                        key.itemId(), raw, before == null ? "none" : before.value(), reason);
                if (rejections.size() < config.counters().reportDetailLimit()) {
                    rejections.add(new Rejection(key.itemId(), key.counter().counterName(), raw,
                            before == null ? null : before.value(), reason));
                }
            }
            store.saveSnapshots(next);
            if (missing > 0) {
                LOG.warnf("%d counters backed up before are missing in Redis; the next reconciliation restores them",
                        missing);
            }
            lastSnapshot.set(now.getEpochSecond());
            return new SnapshotReport("completed", next.size(), unchanged, rejected, missing, rejections);
        });
    }

    /** Compares Redis, the record and the item features; restores and corrects Redis; stores the report. */
    public ReconciliationReport reconcile(String trigger) {
        UUID id = UUID.randomUUID();
        Instant started = Instant.now(clock);
        long startNanos = System.nanoTime();
        return QuarkusTransaction.requiringNew().timeout(JOB_TIMEOUT_SECONDS).call(() -> {
            if (!store.tryJobLock()) {
                LOG.infof("counter reconciliation (%s) skipped: another instance is running the counter jobs", trigger);
                return ReconciliationReport.skipped(id, trigger, started);
            }
            int folded = store.fold();
            // Redis is read before the record: every increment Redis holds then was committed before, so the record
            // read next includes it, and a counter Redis holds less of is either settled (really behind) or has an
            // increment on its way (deferred while within the threshold)
            Set<CounterStore.Key> keys = redisCounters.presentKeys();
            keys.addAll(store.keys());
            Map<CounterStore.Key, String> redis = redisCounters.read(keys);
            Map<CounterStore.Key, CounterStore.Recorded> record = store.record(config.counters().settleTime());
            FeatureCounts features = featureCounts();

            Comparison comparison = new Comparison(config.counters());
            for (CounterStore.Key key : keys) {
                CounterStore.Recorded recorded = record.getOrDefault(key, new CounterStore.Recorded(0, true));
                comparison.redis(key, redis.get(key), recorded.value(), recorded.settled(),
                        features.counts() == null ? null : features.of(key));
            }
            if (features.counts() != null) {
                Set<CounterStore.Key> counted = new HashSet<>(record.keySet());
                for (UUID item : features.counts().keySet()) {
                    for (ItemCounter counter : ItemCounter.values()) {
                        counted.add(new CounterStore.Key(item, counter));
                    }
                }
                for (CounterStore.Key key : counted) {
                    CounterStore.Recorded recorded = record.get(key);
                    comparison.features(key, recorded == null ? 0L : recorded.value(), features.of(key));
                }
            }
            redisCounters.set(comparison.fixes);
            int changedMeanwhile = redisCounters.setIfUnchanged(comparison.exactFixes);
            if (changedMeanwhile > 0) {
                LOG.infof("%d settled counters were incremented during the reconciliation; the next one corrects them",
                        changedMeanwhile);
            }
            Map<CounterStore.Key, CounterStore.Snapshot> snapshots = store.snapshots();
            Map<CounterStore.Key, CounterStore.Snapshot> fixedSnapshots = new HashMap<>();
            Map<CounterStore.Key, Long> fixed = new HashMap<>(comparison.fixes);
            comparison.exactFixes.forEach((key, fix) -> fixed.put(key, fix.value()));
            fixed.forEach((key, value) -> {
                CounterStore.Snapshot before = snapshots.get(key);
                fixedSnapshots.put(key, new CounterStore.Snapshot(value, started,
                        before == null ? 0 : before.ratePerSecond()));
            });
            store.saveSnapshots(fixedSnapshots);
            int trendingRestored = restoreTrending();

            drift.set(comparison.drift);
            driftingItems.set(comparison.driftingItems.size());
            featureLag.set(comparison.lag);
            featureLaggingItems.set(comparison.laggingItems.size());
            featureExcessItems.set(comparison.excessItems.size());
            lastReconciliation.set(started.getEpochSecond());
            comparison.corrections.forEach((reason, count) ->
                    registry.counter("experience_counter_corrections_total", "reason", reason).increment(count));
            if (comparison.restored > 0) {
                LOG.warnf("Redis had lost %d popularity counters; restored from the stored interactions",
                        comparison.restored);
            }
            if (!comparison.laggingItems.isEmpty()) {
                LOG.infof("item features behind the stored interactions by %d on %d items (their consumer is "
                        + "behind; not corrected)", comparison.lag, comparison.laggingItems.size());
            }
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            reconcileTimer.record(Duration.ofMillis(durationMs));
            Set<UUID> items = new HashSet<>();
            keys.forEach(key -> items.add(key.itemId()));
            ReconciliationReport report = new ReconciliationReport(id, trigger, "completed", started, durationMs,
                    folded, items.size(), keys.size(), comparison.drift, comparison.driftingItems.size(),
                    comparison.restored, comparison.corrected, comparison.withinThreshold,
                    new ReconciliationReport.Features(features.counts() == null ? "unavailable" : "compared",
                            features.reason(), comparison.laggingItems.size(), comparison.lag,
                            comparison.excessItems.size(), comparison.excess),
                    trendingRestored, comparison.details);
            store.saveReport(id, started, Instant.now(clock), trigger, toJson(report));
            LOG.infof("counter reconciliation %s (%s): %d counters of %d items, drift %d on %d items, %d restored, "
                            + "%d corrected, %d within threshold, feature lag %d, excess %d items, %d ms", id, trigger,
                    keys.size(), items.size(), comparison.drift, comparison.driftingItems.size(), comparison.restored,
                    comparison.corrected, comparison.withinThreshold, comparison.lag, comparison.excessItems.size(),
                    durationMs);
            return report;
        });
    }

    /** The latest stored reports, newest first. */
    public List<ReconciliationReport> latestReports(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> store.latestReports(limit)).stream()
                .map(this::fromJson).toList();
    }

    private int restoreTrending() {
        List<Long> missingHours = trending.missingHours();
        if (missingHours.isEmpty()) {
            return 0;
        }
        long oldest = missingHours.stream().mapToLong(Long::longValue).min().orElseThrow();
        Set<Long> missing = new HashSet<>(missingHours);
        Map<Long, Map<UUID, Map<String, Long>>> byHour = new TreeMap<>();
        for (InteractionStore.HourCount count : interactions.countsByHour(Instant.ofEpochSecond(oldest * 3600))) {
            if (missing.contains(count.epochHour())) {
                byHour.computeIfAbsent(count.epochHour(), hour -> new HashMap<>())
                        .computeIfAbsent(count.itemId(), item -> new HashMap<>())
                        .merge(count.interactionType(), count.count(), Long::sum);
            }
        }
        if (byHour.isEmpty()) {
            return 0;
        }
        int restored = trending.restore(byHour);
        LOG.warnf("trending: %d hour buckets were missing in Redis; restored %d item weights from the stored "
                + "interactions", byHour.size(), restored);
        return restored;
    }

    /** The item features' counts by item, or why they could not be read. */
    private record FeatureCounts(Map<UUID, ItemCounts> counts, String reason) {
        Long of(CounterStore.Key key) {
            ItemCounts item = counts.get(key.itemId());
            return item == null ? 0L : key.counter().of(item);
        }
    }

    private FeatureCounts featureCounts() {
        Map<UUID, ItemCounts> counts = new HashMap<>();
        UUID after = null;
        do {
            Fetched<ItemCountsPage> page = recommendations.itemCounts(after, config.counters().featurePageSize())
                    .await().atMost(Duration.ofSeconds(30));
            if (!page.ok()) {
                LOG.warnf(page.cause(), "item features not compared: the recommendation service did not answer (%s)",
                        page.reason().wireName());
                return new FeatureCounts(null, page.reason().wireName());
            }
            page.value().items().forEach(item -> counts.put(item.itemId(), item));
            after = page.value().nextAfter();
        } while (after != null);
        return new FeatureCounts(counts, null);
    }

    /** The per-counter comparison of one reconciliation. */
    private static final class Comparison {
        private final ExperienceConfig.Counters settings;
        /** Corrections of counters with increments possibly in flight: set whatever Redis holds by then. */
        final Map<CounterStore.Key, Long> fixes = new HashMap<>();
        /** Corrections of settled counters: exact, set only if Redis still holds the value compared. */
        final Map<CounterStore.Key, PopularityCounters.Fix> exactFixes = new HashMap<>();
        final Map<String, Long> corrections = new HashMap<>();
        final List<ReconciliationReport.Discrepancy> details = new ArrayList<>();
        final Set<UUID> driftingItems = new HashSet<>();
        final Set<UUID> laggingItems = new HashSet<>();
        final Set<UUID> excessItems = new HashSet<>();
        long drift;
        long lag;
        long excess;
        int restored;
        int corrected;
        int withinThreshold;

        Comparison(ExperienceConfig.Counters settings) {
            this.settings = settings;
        }

        void redis(CounterStore.Key key, String raw, long stored, boolean settled, Long features) {
            if (raw == null) {
                if (stored > 0) {
                    restored++;
                    drift += stored;
                    driftingItems.add(key.itemId());
                    fix(key, null, stored, settled, features, "lost", "restored");
                }
                return;
            }
            long value;
            try {
                value = Long.parseLong(raw.trim());
            } catch (NumberFormatException notANumber) {
                corrected++;
                driftingItems.add(key.itemId());
                drift += stored;
                LOG.warnf("counter %s of item %s holds %s, not a number; set to the stored count %d",
                        key.counter().counterName(), key.itemId(), raw, stored);
                fix(key, raw, stored, settled, features, "invalid", "corrected");
                return;
            }
            long difference = value - stored;
            if (difference == 0) {
                return;
            }
            drift += Math.abs(difference);
            driftingItems.add(key.itemId());
            String finding = value < 0 ? "negative" : difference > 0 ? "too_high" : "too_low";
            boolean beyond = value < 0 || (Math.abs(difference) > settings.correctAbove()
                    && Math.abs(difference) > settings.correctAboveRatio() * stored);
            if (beyond || settled) {
                corrected++;
                LOG.warnf("counter %s of item %s is %d in Redis but %d interactions are stored (%s); corrected",
                        key.counter().counterName(), key.itemId(), value, stored, finding);
                fix(key, raw, stored, settled, features, finding, "corrected");
            } else {
                // an increment of this counter may still be on its way: corrected once the counter has settled
                withinThreshold++;
                detail(key, raw, stored, features, finding, "deferred");
            }
        }

        void features(CounterStore.Key key, long stored, long counted) {
            if (counted < stored) {
                lag += stored - counted;
                laggingItems.add(key.itemId());
                detail(key, null, stored, counted, "feature_lag", "reported");
            } else if (counted > stored) {
                excess += counted - stored;
                excessItems.add(key.itemId());
                LOG.warnf("item features count %d %s for item %s but only %d interactions are stored",
                        counted, key.counter().counterName(), key.itemId(), stored);
                detail(key, null, stored, counted, "feature_excess", "reported");
            }
        }

        private void fix(CounterStore.Key key, String raw, long stored, boolean settled, Long features, String finding,
                         String action) {
            if (settled) {
                exactFixes.put(key, new PopularityCounters.Fix(raw, stored));
            } else {
                fixes.put(key, stored);
            }
            corrections.merge(finding, 1L, Long::sum);
            detail(key, raw, stored, features, finding, action);
        }

        private void detail(CounterStore.Key key, String raw, long stored, Long features, String finding,
                            String action) {
            if (details.size() < settings.reportDetailLimit()) {
                details.add(new ReconciliationReport.Discrepancy(key.itemId(), key.counter().counterName(), raw,
                        stored, features, finding, action));
            }
        }
    }

    private void counted(String job, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException failure) {
            registry.counter("experience_counter_job_failures_total", "job", job).increment();
            throw failure;
        }
    }

    private String toJson(ReconciliationReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reconciliation report not serialisable", e);
        }
    }

    private ReconciliationReport fromJson(String stored) {
        try {
            return json.readValue(stored, ReconciliationReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reconciliation report not readable", e);
        }
    }
}
