package app.inbo.recommendation.domain;

import app.inbo.contracts.events.ItemType;
import app.inbo.recommendation.config.RecommendationConfig;
import app.inbo.recommendation.service.RecommendationRanker.Candidate;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads features and candidates for serving; every weight comes back decayed to the given "now". */
@ApplicationScoped
public class FeatureReads {

    private static final String AFFINITY = """
            select a.category_id, c.slug, a.weight * power(0.5, greatest(0, extract(epoch from (?::timestamptz - a.as_of))) / ?)
            from user_category_affinity a join catalog_category c on c.id = a.category_id and not c.deleted
            where a.user_id = ?""";

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

    private static final String CANDIDATES = """
            with by_category as (
                -- the freshest items of every category (more of the preferred ones), each an index range scan
                (select x.item_id
                 from catalog_category c
                 cross join lateral (
                     select ic.item_id from catalog_item_category ic
                     join catalog_item i on i.id = ic.item_id and not i.deleted
                     where ic.category_id = c.id
                     order by ic.fresh_at desc nulls last, ic.item_id
                     limit case when c.id = any(?::uuid[]) then ? else ? end) x
                 where not c.deleted)
                union
                -- and the most popular items of the preferred categories (only items with features qualify)
                (select ic.item_id
                 from item_feature f
                 join catalog_item_category ic on ic.item_id = f.item_id
                 join catalog_item i on i.id = f.item_id and not i.deleted
                 where ic.category_id = any(?::uuid[])
                 order by %1$s desc, ic.item_id
                 limit ?)),
            co as (
                select other_item_id as item_id, sum(weight) as weight from item_co_engagement
                where item_id = any(?::uuid[]) group by other_item_id order by sum(weight) desc, other_item_id limit ?),
            popular as (
                select f.item_id from item_feature f join catalog_item i on i.id = f.item_id and not i.deleted
                order by %1$s desc, f.item_id limit ?),
            fresh as (
                select id as item_id from catalog_item where not deleted order by fresh_at desc nulls last, id limit ?),
            pool as (
                select item_id from by_category union select item_id from co
                union select item_id from popular union select item_id from fresh)
            select i.id, i.item_type, i.title, i.fresh_at, coalesce(%1$s, 0), coalesce(co.weight, 0),
                   array(select c.id from catalog_item_category ic join catalog_category c on c.id = ic.category_id and not c.deleted
                         where ic.item_id = i.id order by c.slug),
                   array(select c.slug from catalog_item_category ic join catalog_category c on c.id = ic.category_id and not c.deleted
                         where ic.item_id = i.id order by c.slug)
            from pool
            join catalog_item i on i.id = pool.item_id and not i.deleted
            left join item_feature f on f.item_id = i.id
            left join co on co.item_id = i.id
            where not (i.id = any(?::uuid[]))""".formatted(POPULARITY);

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

    public List<ItemCounters> itemFeatures(Collection<UUID> itemIds, Instant now) {
        if (itemIds.isEmpty()) {
            return List.of();
        }
        return query(ITEM_FEATURES, statement -> {
            statement.setString(1, now.toString());
            statement.setDouble(2, config.features().popularityHalfLifeHours() * 3600);
            statement.setArray(3, SqlArrays.uuids(statement.getConnection(), itemIds));
        }, rows -> new ItemCounters(rows.getObject(1, UUID.class), rows.getLong(2), rows.getLong(3), rows.getLong(4),
                rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getDouble(8)));
    }

    /**
     * The candidate pool: the best items of the preferred categories and a few of every other category, items
     * co-engaged with the user's recent ones, the most popular and the freshest — minus the excluded items.
     */
    public List<Candidate> candidates(Collection<UUID> preferredCategories, Collection<UUID> recentItems,
                                      Collection<UUID> excluded, Instant now) {
        RecommendationConfig.Candidates limits = config.candidates();
        double halfLife = config.features().popularityHalfLifeHours() * 3600;
        return query(CANDIDATES, statement -> {
            Connection c = statement.getConnection();
            int i = 1;
            statement.setArray(i++, SqlArrays.uuids(c, preferredCategories));
            statement.setInt(i++, limits.perPreferredCategory());
            statement.setInt(i++, limits.perOtherCategory());
            statement.setArray(i++, SqlArrays.uuids(c, preferredCategories));
            statement.setString(i++, now.toString());
            statement.setDouble(i++, halfLife);
            statement.setInt(i++, limits.perPreferredCategory() * Math.max(1, preferredCategories.size()));
            statement.setArray(i++, SqlArrays.uuids(c, recentItems));
            statement.setInt(i++, limits.coEngaged());
            statement.setString(i++, now.toString());
            statement.setDouble(i++, halfLife);
            statement.setInt(i++, limits.popular());
            statement.setInt(i++, limits.fresh());
            statement.setString(i++, now.toString());
            statement.setDouble(i++, halfLife);
            statement.setArray(i, SqlArrays.uuids(c, excluded));
        }, rows -> new Candidate(rows.getObject(1, UUID.class), ItemType.fromWire(rows.getString(2)), rows.getString(3),
                uuidList(rows.getArray(7)), stringList(rows.getArray(8)), rows.getDouble(5), rows.getDouble(6),
                instant(rows.getTimestamp(4))));
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

    private static List<String> stringList(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String.class::cast).toList();
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
