package app.inbo.recommendation.domain;

import app.inbo.contracts.events.CatalogEvent;
import app.inbo.contracts.events.CategoryDeleted;
import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.NewsletterDeleted;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostDeleted;
import app.inbo.contracts.events.PostEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The recommendation service's copy of the catalog: items with their categories, title and freshness. Each change
 * applies only when its version is newer than the stored one; deletions leave a tombstone with the version and
 * remove the item's category links, so only live items are linked to categories.
 */
@ApplicationScoped
public class CatalogProjection implements CatalogEvent.Handler<Boolean> {

    @Inject
    EntityManager em;

    @Inject
    FeatureStore features;

    /** Applies a batch of catalog events in their order (other events on the topic are not used here). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<EventEnvelope<EventPayload>> events) {
        for (EventEnvelope<EventPayload> event : events) {
            if (event.payload() instanceof CatalogEvent change) {
                change.applyTo(this);
            }
        }
    }

    @Override
    public Boolean category(CategoryUpserted event) {
        return em.createNativeQuery("""
                        insert into catalog_category as c (id, slug, name, version, deleted) values (?1, ?2, ?3, ?4, false)
                        on conflict (id) do update set slug = excluded.slug, name = excluded.name, version = excluded.version,
                            deleted = false
                        where c.version < excluded.version""")
                .setParameter(1, event.categoryId()).setParameter(2, event.slug()).setParameter(3, event.name())
                .setParameter(4, event.version()).executeUpdate() == 1;
    }

    @Override
    public Boolean categoryDeleted(CategoryDeleted event) {
        return em.createNativeQuery("""
                        insert into catalog_category as c (id, slug, name, version, deleted) values (?1, '', '', ?2, true)
                        on conflict (id) do update set version = excluded.version, deleted = true
                        where c.version < excluded.version""")
                .setParameter(1, event.categoryId()).setParameter(2, event.version()).executeUpdate() == 1;
    }

    @Override
    public Boolean newsletter(NewsletterUpserted event) {
        // a newsletter is as fresh as the later of its creation and its latest post (either may be unknown)
        Instant freshAt = later(event.createdAt(), event.latestPostAt());
        Optional<Boolean> inserted = upsertItem(event.newsletterId(), ItemType.NEWSLETTER, null, event.name(), freshAt,
                event.version());
        inserted.ifPresent(isNew -> replaceCategories(event.newsletterId(), event.categories(), isNew));
        return inserted.isPresent();
    }

    @Override
    public Boolean post(PostEvent event) {
        Optional<Boolean> inserted = upsertItem(event.postId(), ItemType.POST, event.newsletterId(), event.title(),
                event.publishedAt(), event.version());
        inserted.ifPresent(isNew -> replaceCategories(event.postId(), event.categories(), isNew));
        return inserted.isPresent();
    }

    @Override
    public Boolean newsletterDeleted(NewsletterDeleted event) {
        boolean applied = tombstone(event.newsletterId(), ItemType.NEWSLETTER, event.version());
        if (applied) {
            // the newsletter's posts go with it
            em.createNativeQuery("""
                            delete from catalog_item_category ic using catalog_item i
                            where i.newsletter_id = ?1 and ic.item_id = i.id""")
                    .setParameter(1, event.newsletterId()).executeUpdate();
            em.createNativeQuery("update catalog_item set deleted = true where newsletter_id = ?1")
                    .setParameter(1, event.newsletterId()).executeUpdate();
        }
        return applied;
    }

    @Override
    public Boolean postDeleted(PostDeleted event) {
        return tombstone(event.postId(), ItemType.POST, event.version());
    }

    static Instant later(Instant a, Instant b) {
        if (a == null || b == null) {
            return a != null ? a : b;
        }
        return a.isAfter(b) ? a : b;
    }

    /** Empty when the stored version is newer; else whether the row is new (true) or was updated (false). */
    private Optional<Boolean> upsertItem(UUID id, ItemType type, UUID newsletterId, String title, Instant freshAt,
                                         long version) {
        List<?> applied = em.createNativeQuery("""
                        insert into catalog_item as i (id, item_type, newsletter_id, title, fresh_at, version, deleted)
                        values (?1, ?2, ?3, ?4, ?5, ?6, false)
                        on conflict (id) do update set item_type = excluded.item_type, newsletter_id = excluded.newsletter_id,
                            title = excluded.title, fresh_at = excluded.fresh_at, version = excluded.version, deleted = false
                        where i.version < excluded.version
                        returning xmax = 0""")
                .setParameter(1, id).setParameter(2, type.wireName()).setParameter(3, newsletterId)
                .setParameter(4, title).setParameter(5, freshAt == null ? null : Timestamp.from(freshAt))
                .setParameter(6, version).getResultList();
        return applied.isEmpty() ? Optional.empty() : Optional.of((Boolean) applied.get(0));
    }

    /** Marks the item deleted and drops its category links (only live items are linked to categories). */
    private boolean tombstone(UUID id, ItemType type, long version) {
        boolean applied = em.createNativeQuery("""
                        insert into catalog_item as i (id, item_type, version, deleted) values (?1, ?2, ?3, true)
                        on conflict (id) do update set version = excluded.version, deleted = true
                        where i.version < excluded.version""")
                .setParameter(1, id).setParameter(2, type.wireName()).setParameter(3, version).executeUpdate() == 1;
        if (applied) {
            em.createNativeQuery("delete from catalog_item_category where item_id = ?1").setParameter(1, id).executeUpdate();
        }
        return applied;
    }

    /**
     * Replaces the item's category links; the stored events of the item count toward each category it was not
     * linked to before ({@link FeatureStore#bindAffinity}): a user event may arrive before its item does. A row
     * just inserted has no events to bind (an event that came first left a placeholder row, which is updated).
     */
    @SuppressWarnings("unchecked")
    private void replaceCategories(UUID itemId, List<CategoryRef> categories, boolean inserted) {
        Set<UUID> before = new HashSet<>(((List<UUID>) em.createNativeQuery(
                        "delete from catalog_item_category where item_id = ?1 returning category_id", UUID.class)
                .setParameter(1, itemId).getResultList()));
        Set<UUID> linked = new LinkedHashSet<>();
        for (CategoryRef category : categories == null ? List.<CategoryRef>of() : categories) {
            // an item may name a category before its own event arrived: known by its ref until then
            em.createNativeQuery("""
                            insert into catalog_category (id, slug, name, version, deleted) values (?1, ?2, ?3, 0, false)
                            on conflict (id) do nothing""")
                    .setParameter(1, category.id()).setParameter(2, category.slug()).setParameter(3, category.name())
                    .executeUpdate();
            em.createNativeQuery("""
                            insert into catalog_item_category (item_id, category_id, fresh_at)
                            select ?1, ?2, fresh_at from catalog_item where id = ?1
                            on conflict do nothing""")
                    .setParameter(1, itemId).setParameter(2, category.id()).executeUpdate();
            if (!before.contains(category.id())) {
                linked.add(category.id());
            }
        }
        if (!inserted) {
            features.bindAffinity(itemId, linked);
        }
    }
}
