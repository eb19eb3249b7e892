package app.inbo.recommendation.cache;

import app.inbo.contracts.api.RecommendedItem;
import app.inbo.contracts.redis.RedisKeys;
import app.inbo.recommendation.config.RecommendationConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A user's computed recommendations in Redis, under {@code rec:user:{id}:top-{max}} with a TTL of
 * {@code recommendation.cache.ttl-minutes}. Invalidation bumps the user's generation counter and deletes the
 * list in one script (O(1) per user, no SCAN); a list computed before an invalidation carries the old generation
 * and is not stored, so a slow computation cannot re-cache stale results. Redis trouble degrades to uncached
 * serving: logged with its cause and counted in {@code recommendation_cache_failures_total}.
 */
@ApplicationScoped
public class RecommendationCache {

    private static final Logger LOG = Logger.getLogger(RecommendationCache.class);
    private static final TypeReference<List<RecommendedItem>> ITEMS = new TypeReference<>() {
    };
    private static final Duration GENERATION_TTL = Duration.ofDays(2);

    /** KEYS: list, generation. ARGV: generation seen before computing, value, ttl ms. */
    private static final String STORE_IF_CURRENT = """
            if (redis.call('GET', KEYS[2]) or '0') == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0""";

    /** KEYS: list and generation of each user, in pairs. ARGV: generation ttl ms. */
    private static final String INVALIDATE = """
            for i = 1, #KEYS, 2 do
              redis.call('INCR', KEYS[i + 1])
              redis.call('PEXPIRE', KEYS[i + 1], ARGV[1])
              redis.call('DEL', KEYS[i])
            end
            return #KEYS / 2""";

    /** Users per invalidation script call: one round trip per chunk, not per user. */
    private static final int INVALIDATION_CHUNK = 500;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Inject
    RecommendationConfig config;

    @Inject
    MeterRegistry registry;

    /** The key of a user's cached list (the full {@code max-limit} list; shorter limits are its prefix). */
    public String key(UUID userId) {
        return RedisKeys.userRecommendations(userId, "top-" + config.ranking().maxLimit());
    }

    public Duration ttl() {
        return Duration.ofMinutes(config.cache().ttlMinutes());
    }

    public Optional<List<RecommendedItem>> get(UUID userId) {
        Response reply = await("read", redis.execute("GET", key(userId)));
        if (reply == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(reply.toString(), ITEMS));
        } catch (JsonProcessingException e) {
            registry.counter("recommendation_cache_failures_total", "operation", "decode").increment();
            LOG.warnf("cached recommendations of %s are unreadable (%s); recomputing", userId, e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** The user's invalidation generation, read before computing; empty when Redis cannot tell. */
    public OptionalLong generation(UUID userId) {
        String reply = await("generation", redis.execute("GET", RedisKeys.userRecommendationGeneration(userId))
                .map(r -> r == null ? "0" : r.toString()));
        return reply == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(reply));
    }

    /** Stores the list unless the user was invalidated since {@code generation} was read. */
    public boolean store(UUID userId, long generation, List<RecommendedItem> items) {
        String value;
        try {
            value = json.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recommendations cannot be serialised", e);
        }
        Response reply = await("write", redis.execute("EVAL", STORE_IF_CURRENT, "2", key(userId),
                RedisKeys.userRecommendationGeneration(userId), Long.toString(generation), value,
                Long.toString(ttl().toMillis())));
        return reply != null && reply.toInteger() == 1;
    }

    /**
     * Invalidates the cached lists of these users, all at once; called after the commit of their events. It does not
     * wait for Redis: the consumer goes on with its next batch meanwhile (the calls of consecutive batches reach Redis
     * in order on one connection). A failed or slow call is logged and counted by {@link #guarded}; the lists then
     * expire within the TTL.
     */
    public void invalidate(Collection<UUID> users) {
        if (users.isEmpty()) {
            return;
        }
        List<Uni<Response>> calls = new ArrayList<>();
        List<String> args = new ArrayList<>();
        int inChunk = 0;
        for (UUID user : users) {
            if (inChunk == 0) {
                args = new ArrayList<>(List.of(INVALIDATE, "0"));
            }
            args.add(key(user));
            args.add(RedisKeys.userRecommendationGeneration(user));
            inChunk++;
            if (inChunk == INVALIDATION_CHUNK) {
                calls.add(invalidation(args, inChunk));
                inChunk = 0;
            }
        }
        if (inChunk > 0) {
            calls.add(invalidation(args, inChunk));
        }
        Uni.join().all(calls).andCollectFailures().subscribe().with(
                done -> LOG.tracef("invalidated the cached recommendations of %d users", users.size()),
                failure -> LOG.warnf("invalidating the cached recommendations of %d users failed (%s); they expire within %s",
                        users.size(), failure.toString(), ttl()));
    }

    private Uni<Response> invalidation(List<String> args, int users) {
        args.set(1, Integer.toString(users * 2));
        args.add(Long.toString(GENERATION_TTL.toMillis()));
        return guarded("invalidate", redis.execute("EVAL", args.toArray(new String[0])));
    }

    private <T> T await(String operation, Uni<T> call) {
        return guarded(operation, call).await().indefinitely();
    }

    /** A bounded Redis call; a failure is logged, counted and becomes {@code null} (serving goes on uncached). */
    private <T> Uni<T> guarded(String operation, Uni<T> call) {
        return call.ifNoItem().after(Duration.ofMillis(config.cache().timeoutMs())).fail()
                .onFailure().invoke(failure -> {
                    registry.counter("recommendation_cache_failures_total", "operation", operation).increment();
                    LOG.warnf("recommendation cache %s failed: %s", operation, failure.toString());
                })
                .onFailure().recoverWithNull();
    }
}
