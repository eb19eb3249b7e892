package app.inbo.experience.service;

import app.inbo.contracts.redis.RedisKeys;
import app.inbo.experience.client.Fetched;
import app.inbo.experience.config.ExperienceConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ZAggregateArgs;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Popularity with time decay. Each committed interaction adds its type's weight to its item in the sorted set of
 * the current hour ({@link RedisKeys#trendingHour}), which expires after the window. Every refresh interval the
 * board ({@link RedisKeys#trendingBoard}) is rebuilt by one {@code ZUNIONSTORE} over the window's hours, each hour
 * weighted {@code 0.5^(age / half-life)} with its age taken at its middle. The rebuild is idempotent, so any number
 * of instances may run it; reads are one {@code ZRANGE}/{@code ZMSCORE} on the board.
 */
@ApplicationScoped
public class TrendingBoard {

    private static final Logger LOG = Logger.getLogger(TrendingBoard.class);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RedisDataSource blockingRedis;

    @Inject
    ExperienceConfig config;

    @Inject
    Clock clock;

    /** The most popular items, best first, with their decayed scores. */
    public record Board(List<Entry> entries) {
        public double maximum() {
            return entries.isEmpty() ? 0 : entries.get(0).score();
        }
    }

    public record Entry(UUID itemId, double score) {
    }

    @AsynchronousNonBlocking
    @Timeout(250)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Fallback(fallbackMethod = "topMissing")
    public Uni<Fetched<Board>> top(int count) {
        return sortedSet().zrangeWithScores(RedisKeys.trendingBoard(), 0, count - 1, new ZRangeArgs().rev())
                .map(values -> Fetched.of(new Board(values.stream()
                        .map(v -> new Entry(UUID.fromString(v.value()), v.score())).toList())));
    }

    /** Decayed scores of the given items (0 for items not on the board). */
    @AsynchronousNonBlocking
    @Timeout(250)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Fallback(fallbackMethod = "scoresMissing")
    public Uni<Fetched<Map<UUID, Double>>> scoresOf(Collection<UUID> itemIds) {
        if (itemIds.isEmpty()) {
            return Uni.createFrom().item(Fetched.of(Map.of()));
        }
        List<UUID> ids = List.copyOf(itemIds);
        return sortedSet().zmscore(RedisKeys.trendingBoard(), ids.stream().map(UUID::toString).toArray(String[]::new))
                .map(scores -> {
                    Map<UUID, Double> byItem = new HashMap<>();
                    for (int i = 0; i < ids.size(); i++) {
                        Double score = scores.get(i);
                        byItem.put(ids.get(i), score == null ? 0d : score);
                    }
                    return Fetched.of(byItem);
                });
    }

    Uni<Fetched<Board>> topMissing(int count, Throwable failure) {
        return Uni.createFrom().item(Fetched.failed(failure));
    }

    Uni<Fetched<Map<UUID, Double>>> scoresMissing(Collection<UUID> itemIds, Throwable failure) {
        return Uni.createFrom().item(Fetched.failed(failure));
    }

    @Scheduled(every = "${inbo.experience.trending.refresh-interval:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        refresh().subscribe().with(
                members -> LOG.debugf("trending board rebuilt: %d items", members),
                failure -> LOG.warnf("trending board not rebuilt (Redis: %s); the previous board stays",
                        failure.toString()));
    }

    /** Rebuilds the board from the hour buckets of the window; emits the number of items on it. */
    public Uni<Long> refresh() {
        Instant now = Instant.now(clock);
        long currentHour = now.getEpochSecond() / 3600;
        int window = config.trending().windowHours();
        double halfLifeSeconds = config.trending().halfLife().toSeconds();
        String[] hours = new String[window];
        double[] weights = new double[window];
        for (int age = 0; age < window; age++) {
            long hour = currentHour - age;
            hours[age] = RedisKeys.trendingHour(hour);
            // age from the middle of the hour; slightly negative for the current hour before its middle, which keeps
            // the ratio between any two hours exact
            double ageSeconds = now.getEpochSecond() - (hour * 3600 + 1800);
            weights[age] = Math.pow(0.5, ageSeconds / halfLifeSeconds);
        }
        return sortedSet().zunionstore(RedisKeys.trendingBoard(), new ZAggregateArgs().weights(weights), hours);
    }

    /** The hours of the current window (epoch hours, newest first) whose bucket is not in Redis. */
    public List<Long> missingHours() {
        long currentHour = Instant.now(clock).getEpochSecond() / 3600;
        List<Long> missing = new ArrayList<>();
        for (int age = 0; age < config.trending().windowHours(); age++) {
            if (!blockingRedis.key().exists(RedisKeys.trendingHour(currentHour - age))) {
                missing.add(currentHour - age);
            }
        }
        return missing;
    }

    /**
     * Rebuilds lost hour buckets from the stored interactions (each counted with its type's weight), then the
     * board; returns the number of items restored into buckets.
     */
    public int restore(Map<Long, Map<UUID, Map<String, Long>>> countsByHour) {
        int restored = 0;
        for (Map.Entry<Long, Map<UUID, Map<String, Long>>> hour : countsByHour.entrySet()) {
            Map<String, Double> weights = new HashMap<>();
            hour.getValue().forEach((item, counts) -> counts.forEach((type, count) -> {
                Double weight = config.trending().weights().get(type);
                if (weight != null && weight > 0) {
                    weights.merge(item.toString(), weight * count, Double::sum);
                }
            }));
            if (!weights.isEmpty()) {
                String key = RedisKeys.trendingHour(hour.getKey());
                blockingRedis.sortedSet(String.class).zadd(key, weights);
                blockingRedis.key().expire(key, bucketLifetime());
                restored += weights.size();
            }
        }
        refresh().await().atMost(Duration.ofSeconds(10));
        return restored;
    }

    /** How long an hour bucket must live to stay in the window. */
    Duration bucketLifetime() {
        return Duration.ofHours(config.trending().windowHours() + 1L);
    }

    private ReactiveSortedSetCommands<String, String> sortedSet() {
        return redis.sortedSet(String.class);
    }
}
