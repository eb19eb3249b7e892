package app.inbo.search.service;

import app.inbo.contracts.redis.RedisKeys;
import app.inbo.search.config.SearchConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Result pages cached briefly in Redis under {@code search:query:{hash}:results}. The hash covers the request and
 * the index generation ({@code search:index:all:generation}), which {@link #indexChanged()} increments after each
 * committed change: a page computed before a change is never served after it. Redis being slow or away degrades
 * search to uncached (logged and counted in {@code search_cache_errors_total}), never fails it.
 */
@ApplicationScoped
public class SearchCache {

    private static final Logger LOG = Logger.getLogger(SearchCache.class);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    SearchConfig config;

    @Inject
    MeterRegistry registry;

    private ReactiveValueCommands<String, String> values;

    @PostConstruct
    void init() {
        values = redis.value(String.class, String.class);
    }

    /**
     * The cache key for a request (its canonical text) under the current index generation; empty when the generation
     * cannot be read, since a key under a guessed generation could serve a page from before a change.
     */
    public Optional<String> keyFor(String request) {
        return await(values.get(RedisKeys.searchIndexGeneration()).map(g -> g == null ? "0" : g), "read-generation")
                .map(generation -> RedisKeys.searchResults(sha256(generation + '\n' + request).substring(0, 32)));
    }

    public Optional<String> get(String key) {
        Optional<String> page = await(values.get(key), "get");
        registry.counter("search_cache_requests_total", "result", page.isPresent() ? "hit" : "miss").increment();
        return page;
    }

    public void put(String key, String page) {
        await(values.set(key, page, new SetArgs().px(config.cache().ttl())).replaceWith(Boolean.TRUE), "put");
    }

    /** Makes every cached page unreachable; called after each committed index change. */
    public void indexChanged() {
        await(values.incr(RedisKeys.searchIndexGeneration()), "bump-generation", config.cache().invalidationTimeout());
    }

    private <T> Optional<T> await(Uni<T> command, String operation) {
        return await(command, operation, config.cache().timeout());
    }

    private <T> Optional<T> await(Uni<T> command, String operation, java.time.Duration timeout) {
        return command
                .ifNoItem().after(timeout).fail()
                .map(Optional::ofNullable)
                // the cache is an optimisation: any Redis failure degrades to uncached, logged and counted
                .onFailure().recoverWithItem(failure -> {
                    registry.counter("search_cache_errors_total", "operation", operation).increment();
                    LOG.warnf("search cache %s failed, going on without it: %s", operation, failure.toString());
                    return Optional.empty();
                })
                .await().indefinitely();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
