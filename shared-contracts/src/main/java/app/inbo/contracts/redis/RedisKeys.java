package app.inbo.contracts.redis;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one Redis key builder of the suite. Every key has the shape {@code service:entity:id:field}; code never
 * concatenates a key by hand. The named factories below are the keys the services share.
 */
public final class RedisKeys {

    /** The owning service: the first segment of each key. */
    public enum Namespace {
        EXPERIENCE("exp"), RECOMMENDATION("rec"), READING("read"), SEARCH("search");

        private final String prefix;

        Namespace(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

    private RedisKeys() {
    }

    /** {@code service:entity:id:field}; entity and field are lower-case names, the id has no separator. */
    public static String key(Namespace namespace, String entity, String id, String field) {
        Objects.requireNonNull(namespace, "namespace");
        return namespace.prefix() + ':' + name("entity", entity) + ':' + id(id) + ':' + name("field", field);
    }

    /** Matches every field of one entity, for SCAN: {@code service:entity:id:*}. */
    public static String fieldsOf(Namespace namespace, String entity, String id) {
        return namespace.prefix() + ':' + name("entity", entity) + ':' + id(id) + ":*";
    }

    /** Matches one field of every entity of a kind, for SCAN: {@code service:entity:*:field}. */
    public static String everyEntity(Namespace namespace, String entity, String field) {
        return namespace.prefix() + ':' + name("entity", entity) + ":*:" + name("field", field);
    }

    /** The popularity counter {@code exp:item:{id}:{counter}} ({@code clicks}, {@code views}, ...). */
    public static String itemCounter(UUID itemId, String counter) {
        return key(Namespace.EXPERIENCE, "item", itemId.toString(), counter);
    }

    public static String itemClicks(UUID itemId) {
        return itemCounter(itemId, "clicks");
    }

    public static String itemViews(UUID itemId) {
        return itemCounter(itemId, "views");
    }

    /** One hour of trending weight, a sorted set item id → weight: {@code exp:trending:hour-{epochHour}:scores}. */
    public static String trendingHour(long epochHour) {
        return key(Namespace.EXPERIENCE, "trending", "hour-" + epochHour, "scores");
    }

    /** The time-decayed trending board rebuilt from the hour buckets: {@code exp:trending:global:scores}. */
    public static String trendingBoard() {
        return key(Namespace.EXPERIENCE, "trending", "global", "scores");
    }

    /** A cached recommendation list {@code rec:user:{id}:{cacheKey}}, e.g. {@code recs-10}. */
    public static String userRecommendations(UUID userId, String cacheKey) {
        return key(Namespace.RECOMMENDATION, "user", userId.toString(), cacheKey);
    }

    /**
     * A per-user counter bumped each time the user's cached recommendations are invalidated
     * ({@code rec:user:{id}:generation}); a list computed under an older generation is never cached.
     */
    public static String userRecommendationGeneration(UUID userId) {
        return key(Namespace.RECOMMENDATION, "user", userId.toString(), "generation");
    }

    public static String searchResults(String queryHash) {
        return key(Namespace.SEARCH, "query", queryHash, "results");
    }

    /**
     * The search index generation {@code search:index:all:generation}: bumped after every committed index change;
     * cached search results are keyed under the generation they were computed in, so a change makes them unreachable.
     */
    public static String searchIndexGeneration() {
        return key(Namespace.SEARCH, "index", "all", "generation");
    }

    private static String name(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME + ": '" + value + "'");
        }
        return value;
    }

    private static String id(String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException("id must match " + ID + ": '" + value + "'");
        }
        return value;
    }
}
