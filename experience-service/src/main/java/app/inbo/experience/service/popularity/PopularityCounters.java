package app.inbo.experience.service.popularity;

import app.inbo.contracts.redis.RedisKeys;
import app.inbo.experience.config.ExperienceConfig;
import app.inbo.experience.domain.CounterStore;
import app.inbo.experience.domain.ItemCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.KeyScanCursor;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Counts committed interactions in Redis: the lifetime counters {@code exp:item:{id}:{clicks|views|opens|dismisses}}
 * and the item's weight in the trending hour of the interaction (when the user did it: an offline queue sent later
 * weighs in the hours it happened; a time ahead of the server's, within the accepted skew, in the hour it was
 * received; an interaction older than the hours the buckets are kept for, the trending fallback window, counts in
 * the lifetime counters only; the same hours as {@code InteractionStore.countsByHour} rebuilds). Called after commit, so only committed interactions count;
 * a batch becomes one script ({@link #COUNT_SCRIPT}, atomic as a MULTI/EXEC, but one command instead of one per
 * item and counter: the reactive client's cost per command was most of the batch's). The request does not wait for
 * it: if Redis is away the counts are lost, which is logged and counted ({@code experience_counter_failures_total})
 * — the interactions themselves are safe in the database and on Kafka.
 */
@ApplicationScoped
public class PopularityCounters {

    private static final Logger LOG = Logger.getLogger(PopularityCounters.class);

    private static final int CHUNK = 1000;

    /**
     * KEYS: the counter keys, then the trending hours; ARGV: the number of counter keys, one increment per counter
     * key, then per trending hour its expiry (epoch seconds), its number of items and the item and weight pairs.
     * Returns how many commands failed; each runs whatever the others did.
     */
    static final String COUNT_SCRIPT = """
            local failed = 0
            local function count(reply)
                if type(reply) == 'table' and reply.err then failed = failed + 1 end
            end
            local counters = tonumber(ARGV[1])
            for i = 1, counters do
                count(redis.pcall('INCRBY', KEYS[i], ARGV[i + 1]))
            end
            local a = counters + 2
            for h = counters + 1, #KEYS do
                local expireAt = ARGV[a]
                local items = tonumber(ARGV[a + 1])
                a = a + 2
                for j = 1, items do
                    count(redis.pcall('ZINCRBY', KEYS[h], ARGV[a + 1], ARGV[a]))
                    a = a + 2
                end
                count(redis.pcall('EXPIREAT', KEYS[h], expireAt))
            end
            return failed
            """;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RedisDataSource blockingRedis;

    @Inject
    ExperienceConfig config;

    @Inject
    TrendingBoard board;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    /** A committed interaction: its item, its type, when the user did it and when it was received. */
    public record Counted(UUID itemId, String interactionType, Instant occurredAt, Instant receivedAt) {

        /** When it trends: when it occurred, but never after its receipt (a client clock a little fast). */
        Instant trendingAt() {
            return occurredAt.isAfter(receivedAt) ? receivedAt : occurredAt;
        }
    }

    public void record(List<Counted> interactions) {
        long currentHour = Instant.now(clock).getEpochSecond() / 3600;
        long oldestHour = currentHour - board.keptHours() + 1;
        Map<String, Long> increments = new HashMap<>();
        Map<Long, Map<String, Double>> trending = new TreeMap<>();
        for (Counted interaction : interactions) {
            ItemCounter.ofInteraction(interaction.interactionType()).ifPresent(counter -> increments.merge(
                    RedisKeys.itemCounter(interaction.itemId(), counter.counterName()), 1L, Long::sum));
            Double weight = config.trending().weights().get(interaction.interactionType());
            long hour = interaction.trendingAt().getEpochSecond() / 3600;
            if (weight != null && weight > 0 && hour >= oldestHour) {
                trending.computeIfAbsent(hour, h -> new HashMap<>())
                        .merge(interaction.itemId().toString(), weight, Double::sum);
            }
        }
        if (increments.isEmpty() && trending.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(increments.size() + trending.size());
        List<String> values = new ArrayList<>(1 + increments.size() + 2 * trending.size());
        values.add(Integer.toString(increments.size()));
        increments.forEach((key, increment) -> {
            keys.add(key);
            values.add(Long.toString(increment));
        });
        trending.forEach((hour, weights) -> {
            keys.add(RedisKeys.trendingHour(hour));
            values.add(Long.toString(board.bucketExpiry(hour)));
            values.add(Integer.toString(weights.size()));
            weights.forEach((item, weight) -> {
                values.add(item);
                values.add(Double.toString(weight));
            });
        });
        List<String> args = new ArrayList<>(2 + keys.size() + values.size());
        args.add(COUNT_SCRIPT);
        args.add(Integer.toString(keys.size()));
        args.addAll(keys);
        args.addAll(values);
        redis.execute(Command.EVAL, args.toArray(String[]::new)).subscribe().with(
                failed -> counted(interactions.size(), failed.toInteger()),
                failure -> {
                    registry.counter("experience_counter_failures_total").increment();
                    LOG.warnf("popularity counters of %d committed interactions not incremented (Redis: %s)",
                            interactions.size(), failure.toString());
                });
    }

    /** A command that failed (a key holding something else than a count) does not stop the others of its batch. */
    private void counted(int interactions, int failedCommands) {
        registry.counter("experience_counted_interactions_total").increment(interactions);
        if (failedCommands > 0) {
            registry.counter("experience_counter_failures_total").increment(failedCommands);
            LOG.warnf("%d of the counter increments of %d committed interactions failed in Redis (a key that holds no "
                    + "count); the counter jobs restore such counters from the database", failedCommands, interactions);
        }
    }

    /** Every counter key present in Redis (SCAN per counter kind), for the counter jobs. */
    public Set<CounterStore.Key> presentKeys() {
        Set<CounterStore.Key> keys = new HashSet<>();
        for (ItemCounter counter : ItemCounter.values()) {
            KeyScanCursor<String> cursor = blockingRedis.key(String.class).scan(new KeyScanArgs()
                    .match(RedisKeys.everyEntity(RedisKeys.Namespace.EXPERIENCE, "item", counter.counterName()))
                    .count(CHUNK));
            while (cursor.hasNext()) {
                for (String key : cursor.next()) {
                    itemOf(key).ifPresent(item -> keys.add(new CounterStore.Key(item, counter)));
                }
            }
        }
        return keys;
    }

    /** The raw values of the given counters (absent from the map: missing in Redis); MGET by chunks. */
    public Map<CounterStore.Key, String> read(Collection<CounterStore.Key> keys) {
        Map<CounterStore.Key, String> values = new HashMap<>();
        List<CounterStore.Key> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<CounterStore.Key> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            Map<String, String> found = blockingRedis.value(String.class)
                    .mget(chunk.stream().map(PopularityCounters::redisKey).toArray(String[]::new));
            for (CounterStore.Key key : chunk) {
                String value = found.get(redisKey(key));
                if (value != null) {
                    values.put(key, value);
                }
            }
        }
        return values;
    }

    /**
     * KEYS: counters; ARGV: per key the value it was read with ('' when it was missing) and the value to set. Sets
     * each counter that still holds what it was read with (an increment since then means the comparison is stale
     * for that counter); returns how many were left alone.
     */
    static final String SET_IF_UNCHANGED_SCRIPT = """
            local skipped = 0
            for i = 1, #KEYS do
                local current = redis.pcall('GET', KEYS[i])
                if type(current) == 'table' then current = false end
                local expected = ARGV[2 * i - 1]
                if (current == false and expected == '') or current == expected then
                    redis.call('SET', KEYS[i], ARGV[2 * i])
                else
                    skipped = skipped + 1
                end
            end
            return skipped
            """;

    /** A correction that applies only to the value it was computed from ({@code read}: null when missing). */
    public record Fix(String read, long value) {
    }

    /**
     * Sets each counter to its fix if it still holds the value the fix was computed from; returns how many
     * counters changed meanwhile and were left for the next reconciliation.
     */
    public int setIfUnchanged(Map<CounterStore.Key, Fix> fixes) {
        List<CounterStore.Key> all = List.copyOf(fixes.keySet());
        int skipped = 0;
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<CounterStore.Key> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            List<String> args = new ArrayList<>(2 + 3 * chunk.size());
            args.add(SET_IF_UNCHANGED_SCRIPT);
            args.add(Integer.toString(chunk.size()));
            chunk.forEach(key -> args.add(redisKey(key)));
            for (CounterStore.Key key : chunk) {
                Fix fix = fixes.get(key);
                args.add(fix.read() == null ? "" : fix.read());
                args.add(Long.toString(fix.value()));
            }
            skipped += blockingRedis.execute(Command.EVAL, args.toArray(String[]::new)).toInteger();
        }
        return skipped;
    }

    /** Sets the given counters (restore or correction from the database); MSET by chunks. */
    public void set(Map<CounterStore.Key, Long> values) {
        List<CounterStore.Key> all = List.copyOf(values.keySet());
        for (int from = 0; from < all.size(); from += CHUNK) {
            Map<String, String> chunk = new HashMap<>();
            for (CounterStore.Key key : all.subList(from, Math.min(all.size(), from + CHUNK))) {
                chunk.put(redisKey(key), Long.toString(values.get(key)));
            }
            blockingRedis.value(String.class).mset(chunk);
        }
    }

    static String redisKey(CounterStore.Key key) {
        return RedisKeys.itemCounter(key.itemId(), key.counter().counterName());
    }

    private static Optional<UUID> itemOf(String key) {
        String[] parts = key.split(":");
        try {
            return parts.length == 4 ? Optional.of(UUID.fromString(parts[2])) : Optional.empty();
        } catch (IllegalArgumentException notAnItem) {
            LOG.warnf("ignoring Redis key %s: not an item counter", key);
            return Optional.empty();
        }
    }
}
