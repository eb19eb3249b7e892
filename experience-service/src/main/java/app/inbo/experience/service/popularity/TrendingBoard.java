package app.inbo.experience.service.popularity;

import app.inbo.contracts.redis.RedisKeys;
import app.inbo.experience.client.Fetched;
import app.inbo.experience.config.ExperienceConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import jakarta.annotation.PostConstruct;
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
 * the hour it occurred ({@link RedisKeys#trendingHour}; see {@link PopularityCounters}), which expires after the
 * window. Every refresh interval the
 * board ({@link RedisKeys#trendingBoard}) is rebuilt by one {@code ZUNIONSTORE} over the window's hours, each hour
 * weighted {@code 0.5^(age / half-life)} with its age taken at its middle. When nothing of the window counts (a quiet
 * service), the same rebuild runs over the longer fallback window ({@code fallback-window-hours}, 7 days; the buckets
 * live that long), in the same script, so no instance ever reads the empty board in between and a new user's home
 * still has trending items. The rebuild is idempotent, so any number of instances may run it. Each instance holds
 * the board in memory, read again after each of its rebuilds (up to {@code inbo.experience.trending.held-entries}:
 * then a page needs Redis only for the scores of items below them), so pages read no Redis between rebuilds.
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

    @Inject
    MeterRegistry registry;

    /** The most popular items, best first, with their decayed scores. */
    public record Board(List<Entry> entries) {
        public double maximum() {
            return entries.isEmpty() ? 0 : entries.get(0).score();
        }
    }

    public record Entry(UUID itemId, double score) {
    }

    /** The board as last read from Redis: its top entries (all of it when {@code complete}), and when it was read. */
    private record Held(List<Entry> entries, Map<UUID, Double> scores, boolean complete, long readAtNanos) {
    }

    private volatile Held held;

    /** Whether this instance's last rebuild fell back to the longer window. */
    private volatile boolean onFallbackWindow;

    /**
     * KEYS: the board, then the hour buckets newest first (the window's, then the fallback window's older ones);
     * ARGV: the number of the window's hours, then one weight per hour. Rebuilds the board over the window, and
     * over all the hours when that leaves it empty; returns {members, 1 when it fell back}.
     */
    static final String REBUILD_SCRIPT = """
            local window = tonumber(ARGV[1])
            local function union(hours)
                local args = {'ZUNIONSTORE', KEYS[1], hours}
                for i = 1, hours do args[#args + 1] = KEYS[i + 1] end
                args[#args + 1] = 'WEIGHTS'
                for i = 1, hours do args[#args + 1] = ARGV[i + 1] end
                return redis.call(unpack(args))
            end
            local members = union(window)
            if members == 0 and #KEYS - 1 > window then
                return {union(#KEYS - 1), 1}
            end
            return {members, 0}
            """;

    @PostConstruct
    void metrics() {
        Gauge.builder("experience_trending_board_age_seconds", this, TrendingBoard::heldAgeSeconds)
                .description("age of the trending board this instance holds (-1: none)").register(registry);
        Gauge.builder("experience_trending_fallback_window", this, board -> board.onFallbackWindow ? 1 : 0)
                .description("1 while this instance's board is built over the fallback window (nothing in the window)")
                .register(registry);
    }

    /** The {@code count} most popular items, best first: from the held board, or read from Redis (and held). */
    public Uni<Fetched<Board>> top(int count) {
        Held board = usable();
        if (board != null && (board.complete() || board.entries().size() >= count)) {
            return Uni.createFrom().item(Fetched.of(new Board(prefix(board.entries(), count))));
        }
        return readTop(Math.max(count, config.trending().heldEntries()))
                .map(read -> read.map(top -> new Board(prefix(top.entries(), count))));
    }

    /**
     * Decayed scores of the given items (0 for items not on the board): from the held board when it knows them (it
     * knows every item when it holds the whole board), the others read from Redis.
     */
    public Uni<Fetched<Map<UUID, Double>>> scoresOf(Collection<UUID> itemIds) {
        Held board = usable();
        Map<UUID, Double> known = new HashMap<>();
        List<UUID> unknown = new ArrayList<>();
        for (UUID id : itemIds) {
            Double score = board == null ? null : board.scores().get(id);
            if (score != null) {
                known.put(id, score);
            } else if (board != null && board.complete()) {
                known.put(id, 0d);
            } else {
                unknown.add(id);
            }
        }
        if (unknown.isEmpty()) {
            return Uni.createFrom().item(Fetched.of(known));
        }
        return readScores(unknown).map(read -> read.map(scores -> {
            Map<UUID, Double> all = new HashMap<>(known);
            all.putAll(scores);
            return all;
        }));
    }

    /** Reads the top {@code count} entries of the board from Redis and holds them. */
    @AsynchronousNonBlocking
    @Timeout(250)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Fallback(fallbackMethod = "topMissing")
    Uni<Fetched<Board>> readTop(int count) {
        return sortedSet().zrangeWithScores(RedisKeys.trendingBoard(), 0, count - 1, new ZRangeArgs().rev())
                .map(values -> {
                    List<Entry> entries = values.stream().map(v -> new Entry(UUID.fromString(v.value()), v.score())).toList();
                    Map<UUID, Double> scores = new HashMap<>();
                    entries.forEach(entry -> scores.put(entry.itemId(), entry.score()));
                    held = new Held(entries, scores, entries.size() < count, System.nanoTime());
                    return Fetched.of(new Board(entries));
                });
    }

    @AsynchronousNonBlocking
    @Timeout(250)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Fallback(fallbackMethod = "scoresMissing")
    Uni<Fetched<Map<UUID, Double>>> readScores(List<UUID> ids) {
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

    private Held usable() {
        Held board = held;
        return board != null && System.nanoTime() - board.readAtNanos() < config.trending().heldFor().toNanos()
                ? board : null;
    }

    private double heldAgeSeconds() {
        Held board = held;
        return board == null ? -1 : (System.nanoTime() - board.readAtNanos()) / 1e9;
    }

    private static List<Entry> prefix(List<Entry> entries, int count) {
        return entries.size() <= count ? entries : entries.subList(0, count);
    }

    Uni<Fetched<Board>> topMissing(int count, Throwable failure) {
        return Uni.createFrom().item(Fetched.failed(failure));
    }

    Uni<Fetched<Map<UUID, Double>>> scoresMissing(List<UUID> ids, Throwable failure) {
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

    /**
     * Rebuilds the board from the hour buckets of the window, or of the fallback window when the window holds
     * nothing; emits the number of items on it.
     */
    public Uni<Long> refresh() {
        Instant now = Instant.now(clock);
        long currentHour = now.getEpochSecond() / 3600;
        int window = config.trending().windowHours();
        int hours = keptHours();
        double halfLifeSeconds = config.trending().halfLife().toSeconds();
        String[] args = new String[3 + 2 * hours + 1];
        int k = 0;
        args[k++] = REBUILD_SCRIPT;
        args[k++] = Integer.toString(1 + hours);
        args[k++] = RedisKeys.trendingBoard();
        for (int age = 0; age < hours; age++) {
            args[k++] = RedisKeys.trendingHour(currentHour - age);
        }
        args[k++] = Integer.toString(window);
        for (int age = 0; age < hours; age++) {
            long hour = currentHour - age;
            // age from the middle of the hour; slightly negative for the current hour before its middle, which keeps
            // the ratio between any two hours exact
            double ageSeconds = now.getEpochSecond() - (hour * 3600 + 1800);
            args[k++] = Double.toString(Math.pow(0.5, ageSeconds / halfLifeSeconds));
        }
        return redis.execute(Command.EVAL, args)
                .map(reply -> {
                    onFallbackWindow = reply.get(1).toInteger() == 1;
                    return reply.get(0).toLong();
                })
                .call(() -> readTop(config.trending().heldEntries()));
    }

    /** Whether this instance's last rebuild used the fallback window (nothing counted in the window). */
    public boolean onFallbackWindow() {
        return onFallbackWindow;
    }

    /** The hours of the kept buckets (the longer of the window and the fallback window). */
    int keptHours() {
        return Math.max(config.trending().windowHours(), config.trending().fallbackWindowHours());
    }

    /** The hours of the kept buckets (epoch hours, newest first) whose bucket is not in Redis. */
    public List<Long> missingHours() {
        long currentHour = Instant.now(clock).getEpochSecond() / 3600;
        List<Long> missing = new ArrayList<>();
        for (int age = 0; age < keptHours(); age++) {
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
                blockingRedis.key().expireat(key, bucketExpiry(hour.getKey()));
                restored += weights.size();
            }
        }
        refresh().await().atMost(Duration.ofSeconds(10));
        return restored;
    }

    /** How long an hour bucket must live to stay in the window and in the fallback window. */
    Duration bucketLifetime() {
        return Duration.ofHours(keptHours() + 1L);
    }

    /**
     * When the bucket of an epoch hour may go (epoch seconds): an hour after it left the window, however late its
     * interactions arrived.
     */
    long bucketExpiry(long epochHour) {
        return epochHour * 3600 + bucketLifetime().toSeconds();
    }

    private ReactiveSortedSetCommands<String, String> sortedSet() {
        return redis.sortedSet(String.class);
    }
}
