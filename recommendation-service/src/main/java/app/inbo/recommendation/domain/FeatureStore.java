package app.inbo.recommendation.domain;

import app.inbo.support.jdbc.SqlArrays;
import app.inbo.contracts.events.EventCodec;
import app.inbo.recommendation.config.RecommendationConfig;
import app.inbo.recommendation.domain.UserActivity;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes a batch of user events and everything derived from them — user features (category affinity, item
 * state), item features (counters, popularity) and co-engagement — with a fixed handful of set-based statements
 * per batch, whatever its size. Runs inside the consumer's transaction, on its connection. Rows are written in
 * key order so two instances updating shared item rows do not deadlock each other.
 */
@ApplicationScoped
public class FeatureStore {

    private static final String INSERT_EVENTS = """
            insert into user_event (id, user_id, event_type, item_id, item_type, app_section, session_id, metadata, occurred_at)
            select id, user_id, event_type, item_id, item_type, app_section, session_id, metadata::jsonb, occurred_at::timestamptz
            from unnest(?::uuid[], ?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as e(id, user_id, event_type, item_id, item_type, app_section, session_id, metadata, occurred_at)
            on conflict (id) do nothing""";

    /** Each user's most recent engaged items, most recent first: an index range scan per user, stopped at the limit. */
    private static final String RECENT_ENGAGED = """
            select u.user_id, r.item_id
            from unnest(?::uuid[]) as u(user_id)
            cross join lateral (
                select s.item_id, s.engaged_at from user_item_state s
                where s.user_id = u.user_id and s.engaged_at is not null
                order by s.engaged_at desc, s.item_id
                limit ?) r
            order by u.user_id, r.engaged_at desc, r.item_id""";

    private static final String ALREADY_ENGAGED = """
            select s.user_id, s.item_id from user_item_state s
            join unnest(?::uuid[], ?::uuid[]) as b(user_id, item_id) on b.user_id = s.user_id and b.item_id = s.item_id
            where s.engaged_at is not null""";

    private static final String UPSERT_ITEM_STATE = """
            insert into user_item_state as s (user_id, item_id, item_type, interactions, engaged_at, last_interaction_at,
                                              progress, completed, dismissed)
            select user_id, item_id, item_type, interactions, engaged_at::timestamptz, last_at::timestamptz, progress,
                   completed, dismissed
            from unnest(?::uuid[], ?::uuid[], ?::text[], ?::int4[], ?::text[], ?::text[], ?::int4[], ?::bool[], ?::bool[])
                 as b(user_id, item_id, item_type, interactions, engaged_at, last_at, progress, completed, dismissed)
            order by user_id, item_id
            on conflict (user_id, item_id) do update set
                interactions = s.interactions + excluded.interactions,
                engaged_at = least(s.engaged_at, excluded.engaged_at),
                last_interaction_at = greatest(s.last_interaction_at, excluded.last_interaction_at),
                progress = greatest(s.progress, excluded.progress),
                completed = s.completed or excluded.completed,
                dismissed = s.dismissed or excluded.dismissed""";

    /**
     * Deltas are spread to the item's categories here, combined per (user, category) to the latest time. {@code %1$s}
     * yields the deltas (user_id, item_id, delta, at); {@code %2$s} limits the categories. The weight of a sum of
     * decayed deltas does not depend on their order, so deltas bound late give what binding on arrival would have.
     */
    private static final String AFFINITY = """
            with ev(user_id, item_id, delta, at) as (%1$s),
            per_category as (
                select ev.user_id, ic.category_id, ev.delta, ev.at,
                       max(ev.at) over (partition by ev.user_id, ic.category_id) as as_of
                from ev join catalog_item_category ic on ic.item_id = ev.item_id %2$s
                        join catalog_category c on c.id = ic.category_id and not c.deleted),
            combined as (
                select user_id, category_id,
                       sum(delta * power(0.5, extract(epoch from (as_of - at)) / ?)) as weight, max(as_of) as as_of
                from per_category group by user_id, category_id)
            insert into user_category_affinity as a (user_id, category_id, weight, as_of)
            select user_id, category_id, weight, as_of from combined order by user_id, category_id
            on conflict (user_id, category_id) do update set
                weight = a.weight * power(0.5, extract(epoch from (greatest(a.as_of, excluded.as_of) - a.as_of)) / ?)
                       + excluded.weight * power(0.5, extract(epoch from (greatest(a.as_of, excluded.as_of) - excluded.as_of)) / ?),
                as_of = greatest(a.as_of, excluded.as_of)""";

    private static final String UPSERT_AFFINITY = AFFINITY.formatted("""
            select user_id, item_id, delta, at::timestamptz from unnest(?::uuid[], ?::uuid[], ?::float8[], ?::text[])
                 as e(user_id, item_id, delta, at)""", "");

    /**
     * The stored events of one item toward categories just linked to it: an event that arrived before its item (or
     * before the item was filed in a category) counts once the link exists. The weights follow
     * {@link InteractionKind}: a stored {@code open} is an impression when its interaction type was {@code view}.
     */
    private static final String BIND_AFFINITY = AFFINITY.formatted("""
            select user_id, item_id,
                   case when event_type = 'open' and metadata->>'interaction_type' = 'view' then ?
                        when event_type = 'open' then ? when event_type = 'click' then ?
                        when event_type = 'read' then ? when event_type = 'complete' then ?
                        when event_type = 'dismiss' then ? else 0 end,
                   occurred_at
            from user_event where item_id = ?""", "and ic.category_id = any(?::uuid[])");

    /**
     * The batch's items, each locked against a concurrent change of its catalog row until the batch commits, so
     * that linking an item to categories ({@link #bindAffinity}) and this batch's affinity each see the other's
     * writes: an item not in the projection yet gets a placeholder row (a tombstone of version 0, which any
     * catalog event replaces), and every row is share-locked in id order.
     */
    private static final String PLACEHOLDER_ITEMS = """
            insert into catalog_item (id, item_type, version, deleted)
            select id, item_type, 0, true from unnest(?::uuid[], ?::text[]) as b(id, item_type) order by id
            on conflict (id) do nothing""";

    private static final String SHARE_LOCK_ITEMS = """
            select 1 from catalog_item where id = any(?::uuid[]) order by id for share""";

    /** The stored popularity and the batch's, both decayed to the later of their times, summed. */
    private static final String MERGED_POPULARITY = """
            f.popularity * power(0.5, extract(epoch from (greatest(f.popularity_as_of, excluded.popularity_as_of) - f.popularity_as_of)) / (select seconds from half_life))
                + excluded.popularity * power(0.5, extract(epoch from (greatest(f.popularity_as_of, excluded.popularity_as_of) - excluded.popularity_as_of)) / (select seconds from half_life))""";

    private static final String UPSERT_ITEM_FEATURES = """
            with half_life(seconds) as (select cast(? as double precision))
            insert into item_feature as f (item_id, views, clicks, opens, reads, completes, dismisses, popularity, popularity_as_of,
                                           popularity_rank)
            select item_id, views, clicks, opens, reads, completes, dismisses, popularity, as_of::timestamptz, %2$s
            from unnest(?::uuid[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::float8[], ?::text[])
                 as b(item_id, views, clicks, opens, reads, completes, dismisses, popularity, as_of)
            order by item_id
            on conflict (item_id) do update set
                views = f.views + excluded.views, clicks = f.clicks + excluded.clicks, opens = f.opens + excluded.opens,
                reads = f.reads + excluded.reads, completes = f.completes + excluded.completes,
                dismisses = f.dismisses + excluded.dismisses,
                popularity = %1$s,
                popularity_as_of = greatest(f.popularity_as_of, excluded.popularity_as_of),
                popularity_rank = %3$s""".formatted(MERGED_POPULARITY,
            PopularityRanks.rankSql("b.popularity", "b.as_of::timestamptz"),
            PopularityRanks.rankSql("(" + MERGED_POPULARITY + ")", "greatest(f.popularity_as_of, excluded.popularity_as_of)"));

    private static final String UPSERT_USER_FEATURES = """
            insert into user_feature as u (user_id, events, updated_at)
            select user_id, events, updated_at::timestamptz from unnest(?::uuid[], ?::int8[], ?::text[]) as b(user_id, events, updated_at)
            order by user_id
            on conflict (user_id) do update set events = u.events + excluded.events,
                updated_at = greatest(u.updated_at, excluded.updated_at)""";

    /** One row per unordered pair, the smaller id first (uuid order is PostgreSQL's, so it is decided here). */
    private static final String UPSERT_CO_ENGAGEMENT = """
            insert into item_co_engagement as c (item_id, other_item_id, weight)
            select least(a, b), greatest(a, b), sum(weight) from unnest(?::uuid[], ?::uuid[], ?::float8[]) as p(a, b, weight)
            group by 1, 2
            order by 1, 2
            on conflict (item_id, other_item_id) do update set weight = c.weight + excluded.weight""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecommendationConfig config;

    @Inject
    PopularityRanks ranks;

    /** Applies the batch in the caller's transaction; the batch is in delivery order (per user: event order). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<UserActivity> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            lockItems(connection, batch);
            insertUserEvents(connection, batch);
            Map<Pair, Double> coEngagement = coEngagement(connection, batch);
            upsertItemState(connection, batch);
            upsertAffinity(connection, batch);
            upsertUserFeatures(connection, batch);
            // rows of items are shared by every instance's users: written last, so their locks are held only until
            // the commit that follows, and always in the same order (pairs, then counters; each sorted by key)
            upsertCoEngagement(connection, coEngagement);
            upsertItemFeatures(connection, batch);
        } catch (SQLException e) {
            throw new PersistenceException("could not write features of " + batch.size() + " user events: " + e.getMessage(), e);
        }
    }

    /**
     * Counts the stored events of an item toward categories just linked to it (late binding), in the caller's
     * transaction, which holds the item's catalog row locked (it has just written it).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bindAffinity(UUID itemId, Collection<UUID> linkedCategories) {
        if (linkedCategories.isEmpty()) {
            return;
        }
        RecommendationConfig.EventWeights weights = config.features().affinity();
        double halfLife = config.features().affinityHalfLifeHours() * 3600;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(BIND_AFFINITY)) {
            int i = 1;
            for (InteractionKind kind : List.of(InteractionKind.VIEW, InteractionKind.OPEN, InteractionKind.CLICK,
                    InteractionKind.READ, InteractionKind.COMPLETE, InteractionKind.DISMISS)) {
                statement.setDouble(i++, kind.weight(weights));
            }
            statement.setObject(i++, itemId);
            SqlArrays.uuids(statement, i++, linkedCategories);
            statement.setDouble(i++, halfLife);
            statement.setDouble(i++, halfLife);
            statement.setDouble(i, halfLife);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not bind the events of item " + itemId + " to its categories: "
                    + e.getMessage(), e);
        }
    }

    private void lockItems(Connection connection, List<UserActivity> batch) throws SQLException {
        Map<UUID, String> items = new TreeMap<>();
        for (UserActivity a : batch) {
            items.putIfAbsent(a.itemId(), a.itemType().wireName());
        }
        try (PreparedStatement statement = connection.prepareStatement(PLACEHOLDER_ITEMS)) {
            SqlArrays.uuids(statement, 1, items.keySet());
            SqlArrays.texts(statement, 2, items.values());
            statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement(SHARE_LOCK_ITEMS)) {
            SqlArrays.uuids(statement, 1, items.keySet());
            statement.executeQuery().close();
        }
    }

    private void insertUserEvents(Connection connection, List<UserActivity> batch) throws SQLException {
        List<UUID> ids = new ArrayList<>(), users = new ArrayList<>(), items = new ArrayList<>();
        List<String> types = new ArrayList<>(), itemTypes = new ArrayList<>(), sections = new ArrayList<>(),
                sessions = new ArrayList<>(), metadata = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (UserActivity a : batch) {
            ids.add(a.eventId());
            users.add(a.userId());
            types.add(a.kind().storedAs());
            items.add(a.itemId());
            itemTypes.add(a.itemType().wireName());
            sections.add(a.appSection());
            sessions.add(a.sessionId());
            metadata.add(json(a.metadata()));
            times.add(a.occurredAt());
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_EVENTS)) {
            SqlArrays.uuids(statement, 1, ids);
            SqlArrays.uuids(statement, 2, users);
            SqlArrays.texts(statement, 3, types);
            SqlArrays.uuids(statement, 4, items);
            SqlArrays.texts(statement, 5, itemTypes);
            SqlArrays.texts(statement, 6, sections);
            SqlArrays.texts(statement, 7, sessions);
            SqlArrays.texts(statement, 8, metadata);
            SqlArrays.instants(statement, 9, times);
            statement.executeUpdate();
        }
    }

    /**
     * For each item a user engages with for the first time, one unit of co-engagement with each of the user's
     * most recent engaged items — so weights count users, not repeated clicks. Keyed by the unordered pair.
     */
    private Map<Pair, Double> coEngagement(Connection connection, List<UserActivity> batch) throws SQLException {
        Map<UUID, List<UserActivity>> engagementsByUser = new LinkedHashMap<>();
        for (UserActivity a : batch) {
            if (a.kind().engagement()) {
                engagementsByUser.computeIfAbsent(a.userId(), u -> new ArrayList<>()).add(a);
            }
        }
        Map<Pair, Double> pairs = new HashMap<>();
        if (engagementsByUser.isEmpty()) {
            return pairs;
        }
        int recentLimit = config.features().coEngagementRecentItems();
        Map<UUID, Deque<UUID>> recent = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(RECENT_ENGAGED)) {
            SqlArrays.uuids(statement, 1, engagementsByUser.keySet());
            statement.setInt(2, recentLimit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    recent.computeIfAbsent(rows.getObject(1, UUID.class), u -> new ArrayDeque<>())
                            .addLast(rows.getObject(2, UUID.class));
                }
            }
        }
        Set<Pair> engaged = new HashSet<>();
        List<UUID> batchUsers = new ArrayList<>(), batchItems = new ArrayList<>();
        engagementsByUser.forEach((user, activities) -> activities.forEach(a -> {
            batchUsers.add(user);
            batchItems.add(a.itemId());
        }));
        try (PreparedStatement statement = connection.prepareStatement(ALREADY_ENGAGED)) {
            SqlArrays.uuids(statement, 1, batchUsers);
            SqlArrays.uuids(statement, 2, batchItems);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    engaged.add(new Pair(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class)));
                }
            }
        }
        engagementsByUser.forEach((user, activities) -> {
            Deque<UUID> mostRecentFirst = recent.computeIfAbsent(user, u -> new ArrayDeque<>());
            for (UserActivity a : activities) {
                if (!engaged.add(new Pair(user, a.itemId()))) {
                    continue;
                }
                for (UUID other : mostRecentFirst) {
                    if (!other.equals(a.itemId())) {
                        pairs.merge(Pair.unordered(a.itemId(), other), 1.0, Double::sum);
                    }
                }
                mostRecentFirst.addFirst(a.itemId());
                while (mostRecentFirst.size() > recentLimit) {
                    mostRecentFirst.removeLast();
                }
            }
        });
        return pairs;
    }

    private void upsertItemState(Connection connection, List<UserActivity> batch) throws SQLException {
        Map<Pair, ItemState> states = new TreeMap<>();
        for (UserActivity a : batch) {
            states.computeIfAbsent(new Pair(a.userId(), a.itemId()), k -> new ItemState(a.itemType().wireName())).add(a);
        }
        List<UUID> users = new ArrayList<>(), items = new ArrayList<>();
        List<String> itemTypes = new ArrayList<>(), engagedAt = new ArrayList<>(), lastAt = new ArrayList<>();
        List<Integer> interactions = new ArrayList<>(), progress = new ArrayList<>();
        List<Boolean> completed = new ArrayList<>(), dismissed = new ArrayList<>();
        states.forEach((key, state) -> {
            users.add(key.first());
            items.add(key.second());
            itemTypes.add(state.itemType);
            interactions.add(state.interactions);
            engagedAt.add(state.engagedAt == null ? null : state.engagedAt.toString());
            lastAt.add(state.lastAt.toString());
            progress.add(state.progress);
            completed.add(state.completed);
            dismissed.add(state.dismissed);
        });
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_ITEM_STATE)) {
            SqlArrays.uuids(statement, 1, users);
            SqlArrays.uuids(statement, 2, items);
            SqlArrays.texts(statement, 3, itemTypes);
            SqlArrays.numbers(statement, 4, interactions);
            SqlArrays.texts(statement, 5, engagedAt);
            SqlArrays.texts(statement, 6, lastAt);
            SqlArrays.numbers(statement, 7, progress);
            SqlArrays.booleans(statement, 8, completed);
            SqlArrays.booleans(statement, 9, dismissed);
            statement.executeUpdate();
        }
    }

    private void upsertAffinity(Connection connection, List<UserActivity> batch) throws SQLException {
        List<UUID> users = new ArrayList<>(), items = new ArrayList<>();
        List<Double> deltas = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (UserActivity a : batch) {
            double delta = a.kind().weight(config.features().affinity());
            if (delta != 0) {
                users.add(a.userId());
                items.add(a.itemId());
                deltas.add(delta);
                times.add(a.occurredAt());
            }
        }
        if (users.isEmpty()) {
            return;
        }
        double halfLife = config.features().affinityHalfLifeHours() * 3600;
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_AFFINITY)) {
            SqlArrays.uuids(statement, 1, users);
            SqlArrays.uuids(statement, 2, items);
            SqlArrays.numbers(statement, 3, deltas);
            SqlArrays.instants(statement, 4, times);
            statement.setDouble(5, halfLife);
            statement.setDouble(6, halfLife);
            statement.setDouble(7, halfLife);
            statement.executeUpdate();
        }
    }

    private void upsertItemFeatures(Connection connection, List<UserActivity> batch) throws SQLException {
        double halfLife = ranks.halfLifeSeconds();
        Map<UUID, ItemCounters> counters = new TreeMap<>();
        for (UserActivity a : batch) {
            counters.computeIfAbsent(a.itemId(), id -> new ItemCounters()).add(a,
                    a.kind().weight(config.features().popularity()), halfLife);
        }
        List<UUID> items = new ArrayList<>(counters.keySet());
        List<Long> views = new ArrayList<>(), clicks = new ArrayList<>(), opens = new ArrayList<>(),
                reads = new ArrayList<>(), completes = new ArrayList<>(), dismisses = new ArrayList<>();
        List<Double> popularity = new ArrayList<>();
        List<Instant> asOf = new ArrayList<>();
        for (ItemCounters c : counters.values()) {
            views.add(c.counts[InteractionKind.VIEW.ordinal()]);
            clicks.add(c.counts[InteractionKind.CLICK.ordinal()]);
            opens.add(c.counts[InteractionKind.OPEN.ordinal()]);
            reads.add(c.counts[InteractionKind.READ.ordinal()]);
            completes.add(c.counts[InteractionKind.COMPLETE.ordinal()]);
            dismisses.add(c.counts[InteractionKind.DISMISS.ordinal()]);
            popularity.add(c.popularity);
            asOf.add(c.asOf);
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_ITEM_FEATURES)) {
            statement.setDouble(1, halfLife);
            SqlArrays.uuids(statement, 2, items);
            SqlArrays.numbers(statement, 3, views);
            SqlArrays.numbers(statement, 4, clicks);
            SqlArrays.numbers(statement, 5, opens);
            SqlArrays.numbers(statement, 6, reads);
            SqlArrays.numbers(statement, 7, completes);
            SqlArrays.numbers(statement, 8, dismisses);
            SqlArrays.numbers(statement, 9, popularity);
            SqlArrays.instants(statement, 10, asOf);
            statement.executeUpdate();
        }
    }

    private void upsertUserFeatures(Connection connection, List<UserActivity> batch) throws SQLException {
        Map<UUID, Long> events = new TreeMap<>();
        Map<UUID, Instant> latest = new HashMap<>();
        for (UserActivity a : batch) {
            events.merge(a.userId(), 1L, Long::sum);
            latest.merge(a.userId(), a.occurredAt(), (x, y) -> x.isAfter(y) ? x : y);
        }
        List<UUID> users = new ArrayList<>(events.keySet());
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_USER_FEATURES)) {
            SqlArrays.uuids(statement, 1, users);
            SqlArrays.numbers(statement, 2, users.stream().map(events::get).toList());
            SqlArrays.instants(statement, 3, users.stream().map(latest::get).toList());
            statement.executeUpdate();
        }
    }

    private void upsertCoEngagement(Connection connection, Map<Pair, Double> pairs) throws SQLException {
        if (pairs.isEmpty()) {
            return;
        }
        // the statement orders the rows by key, like every writer of these shared rows (no deadlock between instances)
        List<UUID> items = new ArrayList<>(pairs.size()), others = new ArrayList<>(pairs.size());
        List<Double> weights = new ArrayList<>(pairs.size());
        pairs.forEach((pair, weight) -> {
            items.add(pair.first());
            others.add(pair.second());
            weights.add(weight);
        });
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_CO_ENGAGEMENT)) {
            SqlArrays.uuids(statement, 1, items);
            SqlArrays.uuids(statement, 2, others);
            SqlArrays.numbers(statement, 3, weights);
            statement.executeUpdate();
        }
    }

    private static String json(Map<String, Object> metadata) {
        try {
            return EventCodec.mapper().writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be written as JSON", e);
        }
    }

    private record Pair(UUID first, UUID second) implements Comparable<Pair> {
        /** The same key for (a, b) and (b, a). */
        static Pair unordered(UUID a, UUID b) {
            return a.compareTo(b) <= 0 ? new Pair(a, b) : new Pair(b, a);
        }

        @Override
        public int compareTo(Pair other) {
            int byFirst = first.compareTo(other.first);
            return byFirst != 0 ? byFirst : second.compareTo(other.second);
        }
    }

    private static final class ItemState {
        final String itemType;
        int interactions;
        Instant engagedAt;
        Instant lastAt;
        int progress;
        boolean completed;
        boolean dismissed;

        ItemState(String itemType) {
            this.itemType = itemType;
        }

        void add(UserActivity a) {
            interactions++;
            if (a.kind().engagement() && (engagedAt == null || a.occurredAt().isBefore(engagedAt))) {
                engagedAt = a.occurredAt();
            }
            lastAt = lastAt == null || a.occurredAt().isAfter(lastAt) ? a.occurredAt() : lastAt;
            progress = Math.max(progress, a.progress());
            completed |= a.kind() == InteractionKind.COMPLETE;
            dismissed |= a.kind() == InteractionKind.DISMISS;
        }
    }

    private static final class ItemCounters {
        final long[] counts = new long[InteractionKind.values().length];
        double popularity;
        Instant asOf;

        void add(UserActivity a, double delta, double halfLifeSeconds) {
            counts[a.kind().ordinal()]++;
            if (asOf == null) {
                asOf = a.occurredAt();
                popularity = delta;
            } else if (a.occurredAt().isAfter(asOf)) {
                popularity = popularity * Decay.factor(asOf, a.occurredAt(), halfLifeSeconds) + delta;
                asOf = a.occurredAt();
            } else {
                popularity += delta * Decay.factor(a.occurredAt(), asOf, halfLifeSeconds);
            }
        }
    }
}
