package app.inbo.experience.domain;

import app.inbo.contracts.api.ExperimentVariant;
import app.inbo.support.jdbc.SqlArrays;
import app.inbo.contracts.events.ItemType;
import app.inbo.support.messaging.TransientFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ServiceUnavailableException;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Interactions, the renders they refer to, and what a page reads of its user (dismissed, completed and unfinished
 * items). Interactions are inserted set-based, one statement per batch; ids are assigned by the caller.
 */
@ApplicationScoped
public class InteractionStore {

    private static final String INSERT = """
            insert into interaction (id, user_id, render_id, item_id, item_type, interaction_type, section_type,
                position, dwell_time_ms, session_id, app_section, occurred_at, received_at)
            select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[],
                ?::int4[], ?::int8[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])""";

    private static final String INSERT_RENDER = "insert into render (id, user_id, page, session_id, rendered_at, "
            + "item_ids, section_types, positions, experiment, variant) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * A user's items never to show again (dismissed or completed here, completed in reading) and the most recently
     * read unfinished ones: one statement.
     */
    private static final String USER_STATE = "select item_id, true, null::int, null::timestamptz from interaction "
            + "where user_id = ? and interaction_type in ('dismiss', 'complete') "
            + "union all select item_id, true, null, null from reading_state where user_id = ? and completed "
            + "union all (select item_id, false, progress, last_read_at from reading_state "
            + "where user_id = ? and not completed order by last_read_at desc, item_id limit ?)";

    @Inject
    EntityManager em;

    /**
     * The home page's two statements (the user's state, the render) run on a pooled connection of their own,
     * outside Hibernate and JTA: each is one statement (atomic in autocommit), and a session and a transaction per
     * page cost more than the statements.
     */
    @Inject
    DataSource dataSource;

    /** One item of a render: where it was shown. */
    public record Shown(UUID itemId, String sectionType, int position) {
    }

    /** A render's owner and page, and the experiment variant that ranked it (null: none). */
    public record RenderOwner(UUID renderId, UUID userId, String page, ExperimentVariant variant) {
    }

    /** {@code occurredAt}: when the user did it (the client's time, or the receipt); {@code receivedAt}: the receipt. */
    public record Row(UUID id, UUID userId, UUID renderId, UUID itemId, ItemType itemType, String interactionType,
                      String sectionType, Integer position, Long dwellTimeMs, String sessionId, String appSection,
                      Instant occurredAt, Instant receivedAt) {
    }

    /** Owner and page of each existing render among {@code ids}: one query. */
    public Map<UUID, RenderOwner> renders(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Render> rows = em.createQuery("from Render where id in (:ids)", Render.class)
                .setParameter("ids", List.copyOf(ids)).getResultList();
        Map<UUID, RenderOwner> found = new HashMap<>();
        for (Render render : rows) {
            found.put(render.id, new RenderOwner(render.id, render.userId, render.page,
                    render.experiment == null ? null : new ExperimentVariant(render.experiment, render.variant)));
        }
        return found;
    }

    /** How many interactions of a type an item had in one hour (epoch hour). */
    public record HourCount(UUID itemId, String interactionType, long epochHour, long count) {
    }

    /**
     * Interactions since {@code from}, counted per item, type and hour: one statement (restoring trending hours
     * Redis lost). The hour is the one the live counters used: when the user did it, or the receipt for a client
     * clock ahead of the server's ({@code least} skips the receipt of rows stored before it was kept). It scans the
     * table on purpose: it runs only after such a loss, and an index on the time would tax every interaction insert.
     */
    public List<HourCount> countsByHour(Instant from) {
        List<?> rows = em.createNativeQuery("select cast(item_id as text), interaction_type, "
                        + "cast(floor(extract(epoch from least(occurred_at, received_at)) / 3600) as bigint), count(*) "
                        + "from interaction where least(occurred_at, received_at) >= :from group by 1, 2, 3")
                .setParameter("from", from.atOffset(ZoneOffset.UTC)).getResultList();
        return rows.stream().map(row -> {
            Object[] c = (Object[]) row;
            return new HourCount(UUID.fromString((String) c[0]), (String) c[1], ((Number) c[2]).longValue(),
                    ((Number) c[3]).longValue());
        }).toList();
    }

    /** An item the user started and has not finished. */
    public record Unfinished(UUID itemId, int progress, Instant lastReadAt) {
    }

    /** What a page must know of its user: items never to show again, and unfinished ones, most recent first. */
    public record UserState(Set<UUID> excluded, List<Unfinished> unfinished) {
    }

    /** The user's state, with at most {@code unfinishedLimit} unfinished items. */
    public UserState userState(UUID userId, int unfinishedLimit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(USER_STATE)) {
            query.setObject(1, userId);
            query.setObject(2, userId);
            query.setObject(3, userId);
            query.setInt(4, unfinishedLimit);
            Set<UUID> excluded = new HashSet<>();
            List<Unfinished> unfinished = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    UUID item = rows.getObject(1, UUID.class);
                    if (rows.getBoolean(2)) {
                        excluded.add(item);
                    } else {
                        unfinished.add(new Unfinished(item, rows.getInt(3),
                                rows.getObject(4, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return new UserState(excluded, unfinished);
        } catch (SQLException e) {
            throw failure("reading the state of user " + userId, e);
        }
    }

    /**
     * The render and what it showed, in one row: one statement whatever the number of items, committed before the
     * page is answered (an interaction may name the render at once).
     */
    public void insertRender(UUID renderId, UUID userId, String page, String sessionId, Instant renderedAt,
                             List<Shown> shown, ExperimentVariant variant) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT_RENDER)) {
            insert.setObject(1, renderId);
            insert.setObject(2, userId);
            insert.setString(3, page);
            insert.setString(4, sessionId);
            insert.setObject(5, renderedAt.atOffset(ZoneOffset.UTC));
            SqlArrays.uuids(insert, 6, shown.stream().map(Shown::itemId).toList());
            SqlArrays.texts(insert, 7, shown.stream().map(Shown::sectionType).toList());
            SqlArrays.numbers(insert, 8, shown.stream().map(Shown::position).toList());
            insert.setString(9, variant == null ? null : variant.experiment());
            insert.setString(10, variant == null ? null : variant.name());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure("recording render " + renderId, e);
        }
    }

    /** The database briefly away is a 503 the client may retry; anything else reaches the problem mapper as a fault. */
    static RuntimeException failure(String what, SQLException e) {
        if (TransientFailures.isTransient(e)) {
            return new ServiceUnavailableException(what + " failed: the database is unavailable; retry shortly", 1L, e);
        }
        return new IllegalStateException(what + " failed", e);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void insertAll(List<Row> rows) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                SqlArrays.uuids(insert, 1, rows.stream().map(Row::id).toList());
                SqlArrays.uuids(insert, 2, rows.stream().map(Row::userId).toList());
                SqlArrays.uuids(insert, 3, rows.stream().map(Row::renderId).toList());
                SqlArrays.uuids(insert, 4, rows.stream().map(Row::itemId).toList());
                SqlArrays.texts(insert, 5, rows.stream().map(row -> row.itemType().wireName()).toList());
                SqlArrays.texts(insert, 6, rows.stream().map(Row::interactionType).toList());
                SqlArrays.texts(insert, 7, rows.stream().map(Row::sectionType).toList());
                SqlArrays.numbers(insert, 8, rows.stream().map(Row::position).toList());
                SqlArrays.numbers(insert, 9, rows.stream().map(Row::dwellTimeMs).toList());
                SqlArrays.texts(insert, 10, rows.stream().map(Row::sessionId).toList());
                SqlArrays.texts(insert, 11, rows.stream().map(Row::appSection).toList());
                SqlArrays.instants(insert, 12, rows.stream().map(Row::occurredAt).toList());
                SqlArrays.instants(insert, 13, rows.stream().map(Row::receivedAt).toList());
                insert.executeUpdate();
            }
        });
    }
}
