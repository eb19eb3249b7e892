package app.inbo.reading.service;

import app.inbo.contracts.api.ContinueReadingItem;
import app.inbo.contracts.events.ItemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The caller's unfinished items, most recently read first, with what a client shows of each. One statement
 * whatever the limit: progress rows are joined to the catalog, and rows whose item was deleted drop out of the
 * join (skipped, not errors).
 */
@ApplicationScoped
public class ContinueReadingQuery {

    private static final String SQL = """
            select rp.item_id, rp.item_type, rp.progress, rp.last_read_at,
                   coalesce(n.name, p.title), coalesce(n.description, p.summary), coalesce(n.url, p.url), pn.name
            from reading_progress rp
            left join newsletter n on rp.item_type = 'newsletter' and n.id = rp.item_id
            left join post p on rp.item_type = 'post' and p.id = rp.item_id
            left join newsletter pn on pn.id = p.newsletter_id
            where rp.user_id = ?1 and not rp.completed and (n.id is not null or p.id is not null)
            order by rp.last_read_at desc, rp.item_id
            limit ?2
            """;

    @Inject
    EntityManager em;

    public List<ContinueReadingItem> unfinished(UUID userId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SQL).setParameter(1, userId).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new ContinueReadingItem(
                (UUID) r[0],
                ItemType.fromWire((String) r[1]),
                (String) r[4],
                (String) r[5],
                (String) r[6],
                ((Number) r[2]).intValue(),
                instant(r[3]),
                (String) r[7])).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
