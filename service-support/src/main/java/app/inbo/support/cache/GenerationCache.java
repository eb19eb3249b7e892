package app.inbo.support.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Values cached in Redis under a generation counter per scope (a user, the whole index, ...): invalidating a scope
 * increments its counter, and from then on nothing stored before is served and nothing computed before is stored.
 * <ul>
 *   <li>A value is stored as {@code generation \n json} and served only while its generation is the scope's current
 *   one; {@link #lookup} reads the generation and the value in one round trip. Invalidation needs to know no entry:
 *   the old ones just become unreachable and expire.</li>
 *   <li>{@link #store} writes a value only if the scope's generation is still the one its lookup read (one script),
 *   so a computation that an invalidation overtook cannot cache its stale result.</li>
 *   <li>Redis being slow or away degrades to uncached: every call is bounded, and a failure is logged and counted in
 *   {@link Settings#failuresMetric()} by {@code operation}; it is never thrown. A lookup that failed yields nothing
 *   to store under, since a value stored under a guessed generation could outlive an invalidation.</li>
 * </ul>
 * Hits and misses are counted in {@link Settings#requestsMetric()} by {@code result}. Each service makes its caches
 * with its own keys and settings; what is cached and when it is invalidated stays with the service.
 *
 * @param <S> what a generation covers
 * @param <V> the cached value, written and read as JSON
 */
public final class GenerationCache<S, V> {

    private static final Logger LOG = Logger.getLogger(GenerationCache.class);

    /** KEYS: value, generation. ARGV: generation read by the lookup, value, ttl ms. */
    private static final String STORE_IF_CURRENT = """
            if (redis.call('GET', KEYS[2]) or '0') == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0""";

    /** KEYS: generations. ARGV: generation ttl ms, 0 to keep them for good. */
    private static final String INVALIDATE = """
            for i = 1, #KEYS do
              redis.call('INCR', KEYS[i])
              if ARGV[1] ~= '0' then
                redis.call('PEXPIRE', KEYS[i], ARGV[1])
              end
            end
            return #KEYS""";

    /** Scopes per invalidation script call: one round trip per chunk, not per scope. */
    private static final int INVALIDATION_CHUNK = 1000;

    /**
     * How a cache behaves and reports.
     *
     * @param name                what logs call the cache ("search cache")
     * @param ttl                 how long a stored value lives
     * @param timeout             how long a lookup or store may take before the caller goes on without the cache
     * @param invalidationTimeout how long an invalidation may take before it counts as failed
     * @param generationTtl       how long a scope's generation outlives its last invalidation; empty keeps it for
     *                            good. Per-entity scopes expire, or their counters would pile up; longer than
     *                            {@code ttl}, so no value outlives the counter it was stored under
     * @param requestsMetric      counter of lookups by {@code result} (hit, miss)
     * @param failuresMetric      counter of failed Redis calls and unreadable values by {@code operation}
     */
    public record Settings(String name, Duration ttl, Duration timeout, Duration invalidationTimeout,
                           Optional<Duration> generationTtl, String requestsMetric, String failuresMetric) {

        public Settings {
            generationTtl.ifPresent(kept -> {
                if (kept.compareTo(ttl) <= 0) {
                    throw new IllegalArgumentException(name + ": generations must outlive values (" + kept + " <= " + ttl + ")");
                }
            });
        }
    }

    /**
     * What a lookup found: where the value lives, the generation of its scope when it was looked up, and the value
     * if one was stored under that generation.
     */
    public record Lookup<V>(String key, String generationKey, String generation, Optional<V> value) {
    }

    private final ReactiveRedisDataSource redis;
    private final MeterRegistry registry;
    private final ObjectMapper json;
    private final JavaType type;
    private final Function<S, String> generationKey;
    private final Settings settings;

    /**
     * @param generationKey the Redis key of a scope's generation counter
     */
    public GenerationCache(ReactiveRedisDataSource redis, MeterRegistry registry, ObjectMapper json,
                           TypeReference<V> type, Function<S, String> generationKey, Settings settings) {
        this.redis = redis;
        this.registry = registry;
        this.json = json;
        this.type = json.getTypeFactory().constructType(type);
        this.generationKey = generationKey;
        this.settings = settings;
    }

    /**
     * The scope's generation and the value at {@code key}, in one round trip; empty when Redis did not answer.
     */
    public Optional<Lookup<V>> lookup(S scope, String key) {
        String counter = generationKey.apply(scope);
        Response reply = await("lookup", redis.execute("MGET", counter, key), settings.timeout());
        if (reply == null) {
            return Optional.empty();
        }
        String generation = reply.get(0) == null ? "0" : reply.get(0).toString();
        Optional<V> value = current(reply.get(1) == null ? null : reply.get(1).toString(), generation)
                .flatMap(text -> decode(key, text));
        registry.counter(settings.requestsMetric(), "result", value.isPresent() ? "hit" : "miss").increment();
        return Optional.of(new Lookup<>(key, counter, generation, value));
    }

    /**
     * Stores a value computed after {@code lookup} unless its scope was invalidated since; waits for Redis (up to the
     * timeout), so the next lookup finds it. Returns whether it was stored.
     */
    public boolean store(Lookup<V> lookup, V value) {
        Response reply = await("store", storing(lookup, value), settings.timeout());
        return reply != null && reply.toInteger() == 1;
    }

    /** {@link #store}, without holding up the caller: a failure is logged and counted as any other. */
    public void storeWithoutWaiting(Lookup<V> lookup, V value) {
        guarded("store", storing(lookup, value), settings.timeout()).subscribe().with(stored -> { });
    }

    /**
     * Invalidates the scopes, waiting (up to the invalidation timeout) until Redis took it: once this returns, no
     * value stored before is served. A failure is logged and counted; the values then expire within the TTL.
     */
    public void invalidate(Collection<S> scopes) {
        invalidation(scopes).await().indefinitely();
    }

    /** {@link #invalidate} without waiting: the caller goes on meanwhile. */
    public void invalidateWithoutWaiting(Collection<S> scopes) {
        invalidation(scopes).subscribe().with(done -> { });
    }

    /** The value part of a stored {@code generation \n value} when it was stored under {@code generation}. */
    static Optional<String> current(String stored, String generation) {
        if (stored == null) {
            return Optional.empty();
        }
        String prefix = generation + '\n';
        return stored.startsWith(prefix) ? Optional.of(stored.substring(prefix.length())) : Optional.empty();
    }

    private Uni<Response> storing(Lookup<V> lookup, V value) {
        String text;
        try {
            text = json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(settings.name() + ": a value cannot be serialised", e);
        }
        return redis.execute("EVAL", STORE_IF_CURRENT, "2", lookup.key(), lookup.generationKey(),
                lookup.generation(), lookup.generation() + '\n' + text, Long.toString(settings.ttl().toMillis()));
    }

    private Optional<V> decode(String key, String text) {
        try {
            return Optional.of(json.readValue(text, type));
        } catch (JsonProcessingException e) {
            registry.counter(settings.failuresMetric(), "operation", "decode").increment();
            LOG.warnf("%s: the value at %s is unreadable (%s); recomputing", settings.name(), key, e.getOriginalMessage());
            return Optional.empty();
        }
    }

    private Uni<Void> invalidation(Collection<S> scopes) {
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(scopes.stream().map(generationKey).toList()));
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String generationTtl = Long.toString(settings.generationTtl().map(Duration::toMillis).orElse(0L));
        List<Uni<Response>> calls = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += INVALIDATION_CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + INVALIDATION_CHUNK));
            List<String> args = new ArrayList<>(chunk.size() + 3);
            args.add(INVALIDATE);
            args.add(Integer.toString(chunk.size()));
            args.addAll(chunk);
            args.add(generationTtl);
            calls.add(redis.execute("EVAL", args.toArray(new String[0])));
        }
        return Uni.join().all(calls).andFailFast().replaceWithVoid().ifNoItem().after(settings.invalidationTimeout()).fail()
                .onFailure().invoke(failure -> failed("invalidate", failure,
                        "the values of " + keys.size() + " scopes expire within " + settings.ttl()))
                .onFailure().recoverWithNull();
    }

    private <T> T await(String operation, Uni<T> call, Duration timeout) {
        return guarded(operation, call, timeout).await().indefinitely();
    }

    /** A bounded Redis call; a failure is logged, counted and becomes {@code null}: the caller goes on uncached. */
    private <T> Uni<T> guarded(String operation, Uni<T> call, Duration timeout) {
        return call.ifNoItem().after(timeout).fail()
                .onFailure().invoke(failure -> failed(operation, failure, "going on without the cache"))
                .onFailure().recoverWithNull();
    }

    private void failed(String operation, Throwable failure, String consequence) {
        registry.counter(settings.failuresMetric(), "operation", operation).increment();
        LOG.warnf("%s %s failed (%s); %s", settings.name(), operation, failure.toString(), consequence);
    }
}
