package app.inbo.experience.service;

import app.inbo.contracts.redis.RedisKeys;
import app.inbo.experience.config.ExperienceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Counts committed interactions in Redis: the lifetime counters {@code exp:item:{id}:{clicks|views|opens|dismisses}}
 * and the item's weight in the current trending hour. Called after commit, so only committed interactions count;
 * a batch becomes one MULTI/EXEC with one INCRBY per item and counter. The request does not wait for it: if Redis
 * is away the counts are lost, which is logged and counted ({@code experience_counter_failures_total}) — the
 * interactions themselves are safe in the database and on Kafka.
 */
@ApplicationScoped
public class PopularityCounters {

    private static final Logger LOG = Logger.getLogger(PopularityCounters.class);
    private static final Map<String, String> COUNTER_OF_TYPE = Map.of(
            "view", "views", "click", "clicks", "open", "opens", "dismiss", "dismisses");

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    ExperienceConfig config;

    @Inject
    TrendingBoard board;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    public record Counted(UUID itemId, String interactionType) {
    }

    public void record(List<Counted> interactions) {
        Map<String, Long> increments = new HashMap<>();
        Map<String, Double> trending = new HashMap<>();
        for (Counted interaction : interactions) {
            String counter = COUNTER_OF_TYPE.get(interaction.interactionType());
            if (counter != null) {
                increments.merge(RedisKeys.itemCounter(interaction.itemId(), counter), 1L, Long::sum);
            }
            Double weight = config.trending().weights().get(interaction.interactionType());
            if (weight != null && weight > 0) {
                trending.merge(interaction.itemId().toString(), weight, Double::sum);
            }
        }
        if (increments.isEmpty() && trending.isEmpty()) {
            return;
        }
        String hour = RedisKeys.trendingHour(Instant.now(clock).getEpochSecond() / 3600);
        redis.withTransaction(tx -> {
            List<Uni<Void>> commands = new ArrayList<>();
            increments.forEach((key, by) -> commands.add(tx.value(Long.class).incrby(key, by)));
            trending.forEach((item, weight) -> commands.add(tx.sortedSet(String.class).zincrby(hour, weight, item)));
            if (!trending.isEmpty()) {
                commands.add(tx.key().expire(hour, board.bucketLifetime()));
            }
            return Uni.combine().all().unis(commands).discardItems();
        }).subscribe().with(
                result -> registry.counter("experience_counted_interactions_total").increment(interactions.size()),
                failure -> {
                    registry.counter("experience_counter_failures_total").increment();
                    LOG.warnf("popularity counters of %d committed interactions not incremented (Redis: %s)",
                            interactions.size(), failure.toString());
                });
    }
}
