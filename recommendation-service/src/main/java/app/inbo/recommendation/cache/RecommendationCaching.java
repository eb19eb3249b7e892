package app.inbo.recommendation.cache;

import app.inbo.contracts.api.RecommendedItem;
import app.inbo.contracts.redis.RedisKeys;
import app.inbo.recommendation.config.RecommendationConfig;
import app.inbo.support.cache.GenerationCache;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The cache of computed recommendation lists (see {@link app.inbo.recommendation.service.RecommendationService}):
 * TTL {@code recommendation.cache.ttl-minutes}, one generation per user ({@code rec:user:{id}:generation}), bumped
 * after the commit of the user's events; Redis trouble is counted in {@code recommendation_cache_failures_total}.
 */
@ApplicationScoped
public class RecommendationCaching {

    /** A user's generation outlives the lists stored under it by far, and then goes with the user's inactivity. */
    private static final Duration GENERATION_TTL = Duration.ofDays(2);

    @Inject
    RecommendationConfig config;

    @Produces
    @Singleton
    GenerationCache<UUID, List<RecommendedItem>> recommendations(ReactiveRedisDataSource redis, MeterRegistry registry,
                                                                 ObjectMapper json) {
        Duration timeout = Duration.ofMillis(config.cache().timeoutMs());
        return new GenerationCache<>(redis, registry, json, new TypeReference<List<RecommendedItem>>() {
        }, RedisKeys::userRecommendationGeneration, new GenerationCache.Settings("recommendation cache",
                Duration.ofMinutes(config.cache().ttlMinutes()), timeout, timeout, Optional.of(GENERATION_TTL),
                "recommendation_cache_requests_total", "recommendation_cache_failures_total"));
    }
}
