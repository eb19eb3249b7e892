package app.inbo.recommendation.domain;

import app.inbo.contracts.api.ItemCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/** The interaction counts of the item features, in item-id order, a page at a time (keyset, one statement). */
@ApplicationScoped
public class ItemCountReads {

    @Inject
    EntityManager em;

    public List<ItemCounts> page(UUID after, int limit) {
        List<?> rows = em.createNativeQuery("select cast(item_id as text), views, clicks, opens, dismisses "
                        + "from item_feature where item_id > cast(:after as uuid) order by item_id")
                .setParameter("after", (after == null ? new UUID(0, 0) : after).toString())
                .setMaxResults(limit).getResultList();
        return rows.stream().map(row -> {
            Object[] c = (Object[]) row;
            return new ItemCounts(UUID.fromString((String) c[0]), number(c[1]), number(c[2]), number(c[3]),
                    number(c[4]));
        }).toList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
