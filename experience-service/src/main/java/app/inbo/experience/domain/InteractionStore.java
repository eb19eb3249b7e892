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

/** Interactions and the renders they refer to. Inserts are JDBC batches; ids are assigned by the caller. */
@ApplicationScoped
public class InteractionStore {

    private static final int BATCH = 100;
    private static final String INSERT = "insert into interaction (id, user_id, render_id, item_id, item_type, "
            + "interaction_type, section_type, position, dwell_time_ms, session_id, app_section, occurred_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    EntityManager em;

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
        List<?> rows = em.createNativeQuery(
                        "select cast(id as text), cast(user_id as text), page from render where id in (:ids)")
                .setParameter("ids", List.copyOf(ids)).getResultList();
        Map<UUID, RenderOwner> found = new HashMap<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            UUID id = UUID.fromString((String) c[0]);
            found.put(id, new RenderOwner(id, UUID.fromString((String) c[1]), (String) c[2]));
        }
        return found;
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
