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
 * Result pages cached briefly in Redis under {@code search:query:{hash}:results} (the hash of the request), each
 * stored with the index generation ({@code search:index:all:generation}) read before it was computed;
 * {@link #indexChanged()} increments the generation after each committed change, and a page is served only while its
 * generation is the current one: a page computed before a change is never served after it. The generation and the
 * page are read in one round trip. Redis being slow or away degrades search to uncached (logged and counted in
 * {@code search_cache_errors_total}), never fails it.
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

    /** Where a request's page lives, the index generation when it was looked up, and the page if it is current. */
    public record Lookup(String key, String generation, Optional<String> page) {
    }

    /**
     * The generation and the request's stored page, in one round trip; empty when Redis does not answer, since a
     * page stored under a guessed generation could be served after a change.
     */
    public Optional<Lookup> lookup(String request) {
        String generationKey = RedisKeys.searchIndexGeneration();
        String key = RedisKeys.searchResults(sha256(request).substring(0, 32));
        Optional<Lookup> lookup = await(values.mget(generationKey, key).map(found -> {
            String generation = found.get(generationKey) == null ? "0" : found.get(generationKey);
            return new Lookup(key, generation, current(found.get(key), generation));
        }), "get");
        lookup.ifPresent(l -> registry.counter("search_cache_requests_total", "result",
                l.page().isPresent() ? "hit" : "miss").increment());
        return lookup;
    }

    /**
     * Stores a page computed after {@code lookup}, under the generation that lookup read, without holding up the
     * answer: the request does not wait for Redis to acknowledge (a failure is logged and counted as any other).
     */
    public void put(Lookup lookup, String page) {
        values.set(lookup.key(), lookup.generation() + '\n' + page, new SetArgs().px(config.cache().ttl()))
                .ifNoItem().after(config.cache().timeout()).fail()
                .subscribe().with(stored -> { }, failure -> failed("put", failure));
    }

    /** The page part of a stored value when it was stored under {@code generation}. */
    static Optional<String> current(String stored, String generation) {
        if (stored == null) {
            return Optional.empty();
        }
        String prefix = generation + '\n';
        return stored.startsWith(prefix) ? Optional.of(stored.substring(prefix.length())) : Optional.empty();
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
                    failed(operation, failure);
                    return Optional.empty();
                })
                .await().indefinitely();
    }

    private void failed(String operation, Throwable failure) {
        registry.counter("search_cache_errors_total", "operation", operation).increment();
        LOG.warnf("search cache %s failed, going on without it: %s", operation, failure.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
