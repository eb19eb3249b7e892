package app.inbo.experience.domain;

import app.inbo.contracts.events.ItemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads the local catalog copy. Each method is one statement whatever the number of items, so a page costs a fixed
 * number of queries.
 */
@ApplicationScoped
public class CatalogRepository {

    static final String COLUMNS = "select cast(id as text), item_type, title, description, url, newsletter_name, "
            + "array_to_string(category_ids, ','), array_to_string(category_slugs, ','), created_at, latest_post_at "
            + "from catalog_item ";
    /**
     * Newest first as readers mean it: a newsletter is as new as the later of its creation and its latest post
     * ({@code greatest} skips nulls), so one created long ago that posted today is among the newest. Served by the
     * index {@code catalog_item_live_freshness} (V9), whose expression this must match.
     */
    private static final String RECENCY = " order by greatest(created_at, latest_post_at) desc nulls last, id";

    @Inject
    EntityManager em;

    /** The live items among {@code ids} (unknown and deleted ones are absent). */
    public Map<UUID, CatalogEntry> findLive(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<?> rows = em.createNativeQuery(COLUMNS + "where not deleted and id in (:ids)")
                .setParameter("ids", List.copyOf(ids)).getResultList();
        Map<UUID, CatalogEntry> found = new HashMap<>();
        for (Object row : rows) {
            CatalogEntry entry = entry((Object[]) row);
            found.put(entry.id(), entry);
        }
        return found;
    }

    /** The newest live items, newest first. */
    public List<CatalogEntry> newest(int limit) {
        return entries(em.createNativeQuery(COLUMNS + "where not deleted" + RECENCY)
                .setMaxResults(limit).getResultList());
    }

    /** The newest live items filed under any of {@code categoryIds}. */
    public List<CatalogEntry> newestInCategories(Collection<UUID> categoryIds, int limit) {
        if (categoryIds.isEmpty()) {
            return List.of();
        }
        return entries(em.createNativeQuery(COLUMNS + "where not deleted and category_ids && cast(:categories as uuid[])"
                        + RECENCY)
                .setParameter("categories", arrayLiteral(categoryIds))
                .setMaxResults(limit).getResultList());
    }

    /** The type of each known item among {@code ids}, deleted ones included (an interaction may trail a delete). */
    public Map<UUID, ItemType> typesOf(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<?> rows = em.createNativeQuery("select cast(id as text), item_type from catalog_item where id in (:ids)")
                .setParameter("ids", List.copyOf(ids)).getResultList();
        Map<UUID, ItemType> types = new HashMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            types.put(UUID.fromString((String) columns[0]), ItemType.fromWire((String) columns[1]));
        }
        return types;
    }

    static String arrayLiteral(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }

    static List<CatalogEntry> entries(List<?> rows) {
        return rows.stream().map(row -> entry((Object[]) row)).toList();
    }

    private static CatalogEntry entry(Object[] c) {
        return new CatalogEntry(
                UUID.fromString((String) c[0]),
                ItemType.fromWire((String) c[1]),
                (String) c[2],
                (String) c[3],
                (String) c[4],
                (String) c[5],
                split((String) c[6]).stream().map(UUID::fromString).collect(Collectors.toCollection(LinkedHashSet::new)),
                split((String) c[7]),
                instant(c[8]),
                instant(c[9]));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof BigDecimal seconds) {
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
    }

    static Set<UUID> uuids(Collection<String> values) {
        return values.stream().map(UUID::fromString).collect(Collectors.toSet());
    }
}
