package app.inbo.recommendation.domain;

import app.inbo.support.jdbc.SqlArrays;
import app.inbo.contracts.events.ItemType;
import app.inbo.recommendation.config.RecommendationConfig;
import app.inbo.recommendation.domain.Candidate;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads features and candidates for serving; every weight comes back decayed to the given "now". */
@ApplicationScoped
public class FeatureReads {

    /**
     * The decayed affinity learnt from the user's events, plus the follow weight on each category the user follows,
     * directly or through a followed newsletter (once per category): one statement.
     */
    private static final String AFFINITY = """
            with learnt as (
                select a.category_id,
                       a.weight * power(0.5, greatest(0, extract(epoch from (?::timestamptz - a.as_of))) / ?) as weight
                from user_category_affinity a where a.user_id = ?),
            followed as (
                select f.target_id as category_id from user_follow f
                where f.user_id = ? and f.target_kind = 'category' and f.following
                union
                select ic.category_id from user_follow f join catalog_item_category ic on ic.item_id = f.target_id
                where f.user_id = ? and f.target_kind = 'newsletter' and f.following)
            select c.id, c.slug, coalesce(l.weight, 0) + case when f.category_id is null then 0 else ?::float8 end
            from learnt l full join followed f on f.category_id = l.category_id
            join catalog_category c on c.id = coalesce(l.category_id, f.category_id) and not c.deleted""";

    private static final String ITEM_STATES = """
            select s.item_id, s.item_type, s.interactions, s.engaged_at, s.last_interaction_at, s.progress, s.completed,
                   s.dismissed
            from user_item_state s where s.user_id = ? order by s.last_interaction_at desc, s.item_id""";

    private static final String USER_FEATURE = "select events, updated_at from user_feature where user_id = ?";

    private static final String EVENT_COUNTS = "select event_type, count(*) from user_event where user_id = ? group by event_type";

    private static final String ITEM_FEATURES = """
            select f.item_id, f.views, f.clicks, f.opens, f.reads, f.completes, f.dismisses,
                   f.popularity * power(0.5, greatest(0, extract(epoch from (?::timestamptz - f.popularity_as_of))) / ?)
            from item_feature f where f.item_id = any(?::uuid[])""";

    private static final String POPULARITY = "f.popularity * power(0.5, greatest(0, extract(epoch from (?::timestamptz - f.popularity_as_of))) / ?)";

    /**
     * The candidate pool, every part an index range scan that stops at its limit, then one key look-up per pool item:
     * the cost follows the pool (a few hundred items), not the catalog. The look-ups are LATERAL subqueries with
     * {@code limit 1} so the planner keeps them per item instead of joining the pool to whole tables.
     */
    private static final String CANDIDATES = """
            with by_category as (
                -- the freshest items of every category, more of the preferred ones (deleted items have no category links)
                select x.item_id
                from catalog_category c
                cross join lateral (
                    select ic.item_id from catalog_item_category ic
                    where ic.category_id = c.id
                    order by ic.fresh_at desc nulls last, ic.item_id
                    limit case when c.id = any(?::uuid[]) then ? else ? end) x
                where not c.deleted),
            preferred_popular as (
                -- the most popular items of the preferred categories: down the popularity index until enough are in one
                select f.item_id
                from item_feature f
                cross join lateral (
                    select 1 from catalog_item_category ic
                    where ic.item_id = f.item_id and ic.category_id = any(?::uuid[]) limit 1) preferred
                where f.popularity_rank is not null
                order by f.popularity_rank desc, f.item_id
                limit ?),
            co as (
                -- one row per unordered pair: the recent item may be either of the two
                select item_id, sum(weight) as weight from (
                    select other_item_id as item_id, weight from item_co_engagement where item_id = any(?::uuid[])
                    union all
                    select item_id, weight from item_co_engagement where other_item_id = any(?::uuid[])) both_ways
                group by item_id order by sum(weight) desc, item_id limit ?),
            popular as (
                select f.item_id
                from item_feature f
                cross join lateral (select 1 from catalog_item i where i.id = f.item_id and not i.deleted limit 1) live
                where f.popularity_rank is not null
                order by f.popularity_rank desc, f.item_id
                limit ?),
            fresh as (
                select id as item_id from catalog_item where not deleted order by fresh_at desc nulls last, id limit ?),
            model as (
                -- the items the item-to-item model ranks highest for this user (chosen by the caller)
                select unnest(?::uuid[]) as item_id),
            pool as (
                select item_id from by_category union select item_id from preferred_popular union select item_id from co
                union select item_id from popular union select item_id from fresh union select item_id from model)
            select i.id, i.item_type, i.title, i.fresh_at, coalesce(f.popularity, 0), coalesce(co.weight, 0), i.category_ids
            from pool
            cross join lateral (
                select i.id, i.item_type, i.title, i.fresh_at,
                       array(select ic.category_id from catalog_item_category ic where ic.item_id = i.id) as category_ids
                from catalog_item i where i.id = pool.item_id and not i.deleted limit 1) i
            left join lateral (
                select %1$s as popularity from item_feature f where f.item_id = pool.item_id limit 1) f on true
            left join co on co.item_id = pool.item_id
            where not (pool.item_id = any(?::uuid[]))""".formatted(POPULARITY);

    private static final String CATEGORIES = "select id, slug from catalog_category where not deleted";

    /**
     * The model's neighbours of the given items, with the source item's title (the "because" of a recommendation):
     * a key look-up per source item. As a plain join, the planner (misled by the statistics of a table each
     * training replaces) hashed the whole catalog for a few dozen titles; LATERAL with a limit keeps it per item.
     */
    private static final String NEIGHBOURS = """
            select i.id, i.title, n.neighbour_id, n.similarity
            from catalog_item i
            cross join lateral (
                select n.neighbour_id, n.similarity from item_neighbour n where n.item_id = i.id
                order by n.similarity desc limit ?) n
            where i.id = any(?::uuid[])""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecommendationConfig config;

    public record CategoryAffinity(UUID categoryId, String slug, double weight) {
    }

    public record ItemState(UUID itemId, ItemType itemType, int interactions, Instant engagedAt,
                            Instant lastInteractionAt, int progress, boolean completed, boolean dismissed) {
    }

    public record UserSummary(long events, Instant updatedAt) {
    }

    public record ItemCounters(UUID itemId, long views, long clicks, long opens, long reads, long completes,
                               long dismisses, double popularity) {
    }

    public List<CategoryAffinity> affinity(UUID userId, Instant now) {
        return query(AFFINITY, statement -> {
            statement.setString(1, now.toString());
            statement.setDouble(2, config.features().affinityHalfLifeHours() * 3600);
            statement.setObject(3, userId);
            statement.setObject(4, userId);
            statement.setObject(5, userId);
            statement.setDouble(6, config.features().followWeight());
        }, rows -> new CategoryAffinity(rows.getObject(1, UUID.class), rows.getString(2), rows.getDouble(3)));
    }

    /** Every item the user interacted with, most recent first. */
    public List<ItemState> itemStates(UUID userId) {
        return query(ITEM_STATES, statement -> statement.setObject(1, userId), rows -> new ItemState(
                rows.getObject(1, UUID.class), ItemType.fromWire(rows.getString(2)), rows.getInt(3),
                instant(rows.getTimestamp(4)), instant(rows.getTimestamp(5)), rows.getInt(6), rows.getBoolean(7),
                rows.getBoolean(8)));
    }

    public Optional<UserSummary> summary(UUID userId) {
        return query(USER_FEATURE, statement -> statement.setObject(1, userId),
                rows -> new UserSummary(rows.getLong(1), instant(rows.getTimestamp(2)))).stream().findFirst();
    }

    public Map<String, Long> eventCounts(UUID userId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        query(EVENT_COUNTS, statement -> statement.setObject(1, userId),
                rows -> counts.put(rows.getString(1), rows.getLong(2)));
        return counts;
    }

    /** The item-to-item model's neighbours of the given items. */
    public List<ItemNeighbourStore.Neighbour> neighbours(Collection<UUID> itemIds) {
        if (itemIds.isEmpty()) {
            return List.of();
        }
        return query(NEIGHBOURS, statement -> {
                    statement.setInt(1, config.itemSimilarity().neighbours());
                    SqlArrays.uuids(statement, 2, itemIds);
                },
                rows -> new ItemNeighbourStore.Neighbour(rows.getObject(1, UUID.class), rows.getString(2),
                        rows.getObject(3, UUID.class), rows.getDouble(4)));
    }

    public List<ItemCounters> itemFeatures(Collection<UUID> itemIds, Instant now) {
        if (itemIds.isEmpty()) {
            return List.of();
        }
        return query(ITEM_FEATURES, statement -> {
            statement.setString(1, now.toString());
            statement.setDouble(2, config.features().popularityHalfLifeHours() * 3600);
            SqlArrays.uuids(statement, 3, itemIds);
        }, rows -> new ItemCounters(rows.getObject(1, UUID.class), rows.getLong(2), rows.getLong(3), rows.getLong(4),
                rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getDouble(8)));
    }

    /**
     * The candidate pool: the best items of the preferred categories and a few of every other category, items
     * co-engaged with the user's recent ones, the most popular and the freshest, the given similar items — minus the
     * excluded items.
     */
    public List<Candidate> candidates(Collection<UUID> preferredCategories, Collection<UUID> recentItems,
                                      Collection<UUID> similarItems, Collection<UUID> excluded, Instant now) {
        RecommendationConfig.Candidates limits = config.candidates();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Candidate> candidates = candidates(connection, preferredCategories, recentItems, similarItems,
                        excluded, now, limits);
                connection.commit();
                return candidates;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new PersistenceException("recommendation read failed: " + e.getMessage(), e);
        }
    }

    private List<Candidate> candidates(Connection connection, Collection<UUID> preferredCategories,
                                       Collection<UUID> recentItems, Collection<UUID> similarItems,
                                       Collection<UUID> excluded, Instant now,
                                       RecommendationConfig.Candidates limits) throws SQLException {
        // the plan's shape does not depend on the arguments (range scans, key look-ups), so it is planned once per
        // connection instead of for every request: planning the custom plan cost a quarter of the query's time
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local plan_cache_mode = force_generic_plan");
        }
        Map<UUID, String> slugs = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(CATEGORIES);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                slugs.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(CANDIDATES)) {
            int i = 1;
            SqlArrays.uuids(statement, i++, preferredCategories);
            statement.setInt(i++, limits.perPreferredCategory());
            statement.setInt(i++, limits.perOtherCategory());
            SqlArrays.uuids(statement, i++, preferredCategories);
            statement.setInt(i++, limits.popularPerPreferredCategory() * preferredCategories.size());
            SqlArrays.uuids(statement, i++, recentItems);
            SqlArrays.uuids(statement, i++, recentItems);
            statement.setInt(i++, limits.coEngaged());
            statement.setInt(i++, limits.popular());
            statement.setInt(i++, limits.fresh());
            SqlArrays.uuids(statement, i++, similarItems);
            statement.setString(i++, now.toString());
            statement.setDouble(i++, config.features().popularityHalfLifeHours() * 3600);
            SqlArrays.uuids(statement, i, excluded);
            List<Candidate> candidates = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // categories by slug; links to deleted categories are left out
                    List<UUID> categoryIds = uuidList(rows.getArray(7)).stream().filter(slugs::containsKey)
                            .sorted(Comparator.<UUID, String>comparing(slugs::get).thenComparing(Comparator.naturalOrder())).toList();
                    candidates.add(new Candidate(rows.getObject(1, UUID.class), ItemType.fromWire(rows.getString(2)),
                            rows.getString(3), categoryIds, categoryIds.stream().map(slugs::get).toList(),
                            rows.getDouble(5), rows.getDouble(6), instant(rows.getTimestamp(4))));
                }
            }
            return candidates;
        }
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new PersistenceException("recommendation read failed: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<UUID> uuidList(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(UUID.class::cast).toList();
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }
}
