package app.inbo.experience.domain;

import app.inbo.support.jdbc.SqlArrays;
import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.ItemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Applies catalog changes to the local copy. Every write is conditional on the event's version being newer than
 * the row's, so redelivered, replayed or reordered events never bring back older data; deletes leave a tombstone
 * that carries their version.
 */
@ApplicationScoped
public class CatalogWriter {

    private static final String UPSERT_ITEM = """
            insert into catalog_item (id, item_type, newsletter_id, title, description, url, newsletter_name,
                                      category_ids, category_slugs, created_at, latest_post_at, version, deleted)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set item_type = excluded.item_type, newsletter_id = excluded.newsletter_id,
                title = excluded.title, description = excluded.description, url = excluded.url,
                newsletter_name = excluded.newsletter_name, category_ids = excluded.category_ids,
                category_slugs = excluded.category_slugs, created_at = excluded.created_at,
                latest_post_at = greatest(catalog_item.latest_post_at, excluded.latest_post_at),
                version = excluded.version, deleted = excluded.deleted
            where catalog_item.version < excluded.version
            """;
    private static final String TOMBSTONE_ITEM = """
            insert into catalog_item (id, item_type, newsletter_id, version, deleted) values (?, ?, ?, ?, true)
            on conflict (id) do update set deleted = true, version = excluded.version
            where catalog_item.version < excluded.version
            """;
    private static final String UPSERT_CATEGORY = """
            insert into catalog_category (id, slug, name, version, deleted) values (?, ?, ?, ?, ?)
            on conflict (id) do update set slug = excluded.slug, name = excluded.name, version = excluded.version,
                deleted = excluded.deleted
            where catalog_category.version < excluded.version
            """;

    @Inject
    EntityManager em;

    /** A newsletter or post in its full state; returns whether it was applied (false: an older version). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsertItem(Item item) {
        return work(connection -> {
            try (PreparedStatement s = connection.prepareStatement(UPSERT_ITEM)) {
                s.setObject(1, item.id());
                s.setString(2, item.type().wireName());
                s.setObject(3, item.newsletterId(), Types.OTHER);
                s.setString(4, item.title());
                s.setString(5, item.description());
                s.setString(6, item.url());
                s.setString(7, item.newsletterName());
                SqlArrays.uuids(s, 8, item.categories().stream().map(CategoryRef::id).toList());
                SqlArrays.texts(s, 9, item.categories().stream().map(CategoryRef::slug).toList());
                s.setObject(10, timestamp(item.createdAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                s.setObject(11, timestamp(item.latestPostAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                s.setLong(12, item.version());
                s.setBoolean(13, item.deleted());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Marks an item deleted at {@code version}, creating the tombstone if the item was never seen. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tombstoneItem(UUID id, ItemType type, UUID newsletterId, long version) {
        return work(connection -> {
            try (PreparedStatement s = connection.prepareStatement(TOMBSTONE_ITEM)) {
                s.setObject(1, id);
                s.setString(2, type.wireName());
                s.setObject(3, newsletterId, Types.OTHER);
                s.setLong(4, version);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** A deleted newsletter takes its posts with it; their own versions stay as they are. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deletePostsOf(UUID newsletterId) {
        work(connection -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "update catalog_item set deleted = true where item_type = 'post' and newsletter_id = ?")) {
                s.setObject(1, newsletterId);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Whether the newsletter is known as deleted (a post of a deleted newsletter is stored deleted). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean isDeletedNewsletter(UUID newsletterId) {
        return work(connection -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "select deleted from catalog_item where id = ? and item_type = 'newsletter'")) {
                s.setObject(1, newsletterId);
                try (var rows = s.executeQuery()) {
                    return rows.next() && rows.getBoolean(1);
                }
            }
        });
    }

    /** A published post makes its newsletter's latest post time at least the post's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void touchLatestPost(UUID newsletterId, Instant publishedAt) {
        if (publishedAt == null) {
            return;
        }
        work(connection -> {
            try (PreparedStatement s = connection.prepareStatement("update catalog_item set latest_post_at = "
                    + "greatest(latest_post_at, ?) where id = ? and item_type = 'newsletter' and not deleted")) {
                s.setObject(1, timestamp(publishedAt), Types.TIMESTAMP_WITH_TIMEZONE);
                s.setObject(2, newsletterId);
                return s.executeUpdate() > 0;
            }
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsertCategory(UUID id, String slug, String name, long version, boolean deleted) {
        return work(connection -> {
            try (PreparedStatement s = connection.prepareStatement(UPSERT_CATEGORY)) {
                s.setObject(1, id);
                s.setString(2, slug);
                s.setString(3, name);
                s.setLong(4, version);
                s.setBoolean(5, deleted);
                return s.executeUpdate() == 1;
            }
        });
    }

    private boolean work(SqlWork work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    private static java.time.OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface SqlWork {
        boolean run(Connection connection) throws SQLException;
    }

    /** The full state of a newsletter or post as the catalog event carries it. */
    public record Item(UUID id, ItemType type, UUID newsletterId, String title, String description, String url,
                       String newsletterName, List<CategoryRef> categories, Instant createdAt, Instant latestPostAt,
                       long version, boolean deleted) {
    }
}
