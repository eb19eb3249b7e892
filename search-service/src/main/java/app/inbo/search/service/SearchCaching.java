package app.inbo.search.service;

import app.inbo.contracts.redis.RedisKeys;
import app.inbo.search.config.SearchConfig;
import app.inbo.support.cache.GenerationCache;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.function.Function;

/**
 * The cache of result pages (see {@link SearchService}): one generation for the whole index, {@link #INDEX}, bumped
 * after every committed index change; TTL {@code inbo.search.cache.ttl}; Redis trouble is counted in
 * {@code search_cache_errors_total}, hits and misses in {@code search_cache_requests_total}.
 */
@ApplicationScoped
public class SearchCaching {

    /** The scope of every cached page: the index, whose generation is this key. */
    public static final String INDEX = RedisKeys.searchIndexGeneration();

    @Inject
    SearchConfig config;

    @Produces
    @Singleton
    GenerationCache<String, SearchService.Page> pages(ReactiveRedisDataSource redis, MeterRegistry registry,
                                                       ObjectMapper json) {
        SearchConfig.Cache cache = config.cache();
        return new GenerationCache<>(redis, registry, json, new TypeReference<SearchService.Page>() {
        }, Function.identity(), new GenerationCache.Settings("search cache", cache.ttl(), cache.timeout(),
                cache.invalidationTimeout(), Optional.empty(), "search_cache_requests_total", "search_cache_errors_total"));
    }
}
