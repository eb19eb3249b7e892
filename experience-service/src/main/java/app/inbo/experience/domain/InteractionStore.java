package app.inbo.experience.domain;

import app.inbo.contracts.events.ItemType;
import app.inbo.support.jdbc.JdbcBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Interactions and the renders they refer to. Inserts are JDBC batches (rewritten by the driver into multi-row
 * statements); ids are assigned by the caller.
 */
@ApplicationScoped
public class InteractionStore {

    private static final int BATCH = 100;
    private static final String INSERT = "insert into interaction (id, user_id, render_id, item_id, item_type, "
            + "interaction_type, section_type, position, dwell_time_ms, session_id, app_section, occurred_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String INSERT_RENDER = "with render as (insert into render (id, user_id, page, session_id, "
            + "rendered_at) values (:id, :user, :page, cast(:session as varchar), :at)) "
            + "insert into render_item (render_id, item_id, section_type, position) "
            + "select :id, item, section, position from unnest(cast(:items as uuid[]), cast(:sections as text[]), "
            + "cast(:positions as int[])) as shown (item, section, position)";

    @Inject
    EntityManager em;

    /** One item of a render: where it was shown. */
    public record Shown(UUID itemId, String sectionType, int position) {
    }

    public record RenderOwner(UUID renderId, UUID userId, String page) {
    }

    public record Row(UUID id, UUID userId, UUID renderId, UUID itemId, ItemType itemType, String interactionType,
                      String sectionType, Integer position, Long dwellTimeMs, String sessionId, String appSection,
                      Instant occurredAt) {
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
            found.put(render.id, new RenderOwner(render.id, render.userId, render.page));
        }
        return found;
    }

    /** How many interactions of a type an item had in one hour (epoch hour). */
    public record HourCount(UUID itemId, String interactionType, long epochHour, long count) {
    }

    /**
     * Interactions since {@code from}, counted per item, type and hour: one statement (restoring trending hours
     * Redis lost). It scans the table on purpose: it runs only after such a loss, and an index on the time would
     * tax every interaction insert.
     */
    public List<HourCount> countsByHour(Instant from) {
        List<?> rows = em.createNativeQuery("select cast(item_id as text), interaction_type, "
                        + "cast(floor(extract(epoch from occurred_at) / 3600) as bigint), count(*) from interaction "
                        + "where occurred_at >= :from group by 1, 2, 3")
                .setParameter("from", from.atOffset(ZoneOffset.UTC)).getResultList();
        return rows.stream().map(row -> {
            Object[] c = (Object[]) row;
            return new HourCount(UUID.fromString((String) c[0]), (String) c[1], ((Number) c[2]).longValue(),
                    ((Number) c[3]).longValue());
        }).toList();
    }

    /** Items the user dismissed or completed here: never shown to them again, whatever the profile says. */
    public Set<UUID> dismissedOrCompleted(UUID userId) {
        List<?> rows = em.createNativeQuery("select distinct cast(item_id as text) from interaction "
                        + "where user_id = :user and interaction_type in ('dismiss', 'complete')")
                .setParameter("user", userId).getResultList();
        Set<UUID> items = new HashSet<>();
        for (Object row : rows) {
            items.add(UUID.fromString((String) row));
        }
        return items;
    }

    /** The render and what it showed: one statement whatever the number of items. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertRender(UUID renderId, UUID userId, String page, String sessionId, Instant renderedAt,
                             List<Shown> shown) {
        em.unwrap(Session.class).createNativeMutationQuery(INSERT_RENDER)
                .setParameter("id", renderId)
                .setParameter("user", userId)
                .setParameter("page", page)
                .setParameter("session", sessionId, String.class)
                .setParameter("at", renderedAt.atOffset(ZoneOffset.UTC))
                .setParameter("items", shown.stream().map(item -> item.itemId().toString())
                        .collect(Collectors.joining(",", "{", "}")))
                .setParameter("sections", shown.stream().map(Shown::sectionType)
                        .collect(Collectors.joining(",", "{", "}")))
                .setParameter("positions", shown.stream().map(item -> Integer.toString(item.position()))
                        .collect(Collectors.joining(",", "{", "}")))
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void insertAll(List<Row> rows) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                JdbcBatch batch = new JdbcBatch(insert, BATCH);
                for (Row row : rows) {
                    insert.setObject(1, row.id());
                    insert.setObject(2, row.userId());
                    insert.setObject(3, row.renderId(), Types.OTHER);
                    insert.setObject(4, row.itemId());
                    insert.setString(5, row.itemType().wireName());
                    insert.setString(6, row.interactionType());
                    insert.setString(7, row.sectionType());
                    insert.setObject(8, row.position(), Types.INTEGER);
                    insert.setObject(9, row.dwellTimeMs(), Types.BIGINT);
                    insert.setString(10, row.sessionId());
                    insert.setString(11, row.appSection());
                    insert.setObject(12, row.occurredAt().atOffset(ZoneOffset.UTC));
                    batch.add();
                }
                batch.flush();
            }
        });
    }
}
