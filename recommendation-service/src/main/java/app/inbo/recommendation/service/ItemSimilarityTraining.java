package app.inbo.recommendation.service;

import app.inbo.recommendation.config.RecommendationConfig;
import app.inbo.recommendation.domain.ItemNeighbourStore;
import app.inbo.recommendation.domain.ItemNeighbourStore.Engagements;
import app.inbo.recommendation.domain.ItemNeighbourStore.ModelSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * Trains the item-to-item model ({@link ItemSimilarity}) from the engagement history every
 * {@code recommendation.item-similarity.interval}, on one instance at a time, and replaces the stored model. Serving
 * reads the model per request, so a user's click changes their candidates at once; training only refreshes which
 * items are similar.
 */
@ApplicationScoped
public class ItemSimilarityTraining {

    private static final Logger LOG = Logger.getLogger(ItemSimilarityTraining.class);
    private static final String LOCK = "recommendation.item-similarity";

    @Inject
    ItemNeighbourStore store;

    @Inject
    RecommendationConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private final AtomicReference<ModelSummary> last = new AtomicReference<>();

    @PostConstruct
    void metrics() {
        Gauge.builder("recommendation_item_similarity_training_seconds", last, l -> summary(l, s -> s.durationMs() / 1000.0))
                .description("duration of this instance's last training of the item-to-item model").register(registry);
        Gauge.builder("recommendation_item_similarity_memory_bytes", last, l -> summary(l, ModelSummary::memoryBytes))
                .description("memory the last training held for its input and working arrays").register(registry);
        Gauge.builder("recommendation_item_similarity_engagements", last, l -> summary(l, ModelSummary::engagements))
                .description("engagements the last training read").register(registry);
        Gauge.builder("recommendation_item_similarity_neighbours", last, l -> summary(l, ModelSummary::neighbours))
                .description("neighbour rows in the model the last training wrote").register(registry);
    }

    @Scheduled(every = "${recommendation.item-similarity.interval:10m}",
            delayed = "${recommendation.item-similarity.first-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            train();
        } catch (PersistenceException e) {
            registry.counter("recommendation_item_similarity_failures_total").increment();
            LOG.warnf(e, "training the item-to-item model failed; the previous model stays in use");
        }
    }

    /** When the model in use was trained, by whichever instance. */
    public Optional<Instant> lastTrainedAt() {
        return store.model().map(ModelSummary::trainedAt);
    }

    /** Trains and stores a new model unless another instance is training; returns what was trained. */
    public Optional<ModelSummary> train() {
        AtomicReference<ModelSummary> trained = new AtomicReference<>();
        store.exclusively(LOCK, () -> {
            trained.set(trainHoldingLock());
            return true;
        });
        Optional.ofNullable(trained.get()).ifPresent(last::set);
        return Optional.ofNullable(trained.get());
    }

    private ModelSummary trainHoldingLock() {
        RecommendationConfig.ItemSimilarity settings = config.itemSimilarity();
        long started = System.nanoTime();
        Instant trainedAt = clock.instant().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
        Engagements input = store.engagements(settings.maxItemsPerUser());
        int itemCount = input.items().size();
        ItemSimilarity.Neighbours model = ItemSimilarity.compute(input.itemsByUser(), itemCount,
                new ItemSimilarity.Settings(settings.neighbours(), settings.minCommonUsers(), settings.shrinkage()));
        long memory = ItemSimilarity.memoryBytes(input.count(), input.itemsByUser().length, itemCount,
                model.from().length);
        long computedMs = (System.nanoTime() - started) / 1_000_000;
        ModelSummary summary = new ModelSummary(trainedAt, input.itemsByUser().length, itemCount, input.count(),
                model.size(), computedMs, memory);
        store.replace(input.items(), model.from(), model.to(), model.similarity(), model.size(), summary);
        LOG.infof("item-to-item model trained: %d users, %d items, %d engagements -> %d neighbours in %d ms "
                        + "(stored after %d ms), %d KiB working memory", summary.users(), summary.items(),
                summary.engagements(), summary.neighbours(), computedMs, (System.nanoTime() - started) / 1_000_000,
                memory / 1024);
        return summary;
    }

    private static double summary(AtomicReference<ModelSummary> last, ToDoubleFunction<ModelSummary> value) {
        ModelSummary summary = last.get();
        return summary == null ? Double.NaN : value.applyAsDouble(summary);
    }
}
