package app.inbo.experience.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The follows of each user ({@code user_follow}). A change is one statement that changes the row only when the state
 * differs, so concurrent and repeated requests change it once: the version it returns is the change's, and no
 * version means nothing changed.
 */
@ApplicationScoped
public class FollowStore {

    private static final String FOLLOW = """
            insert into user_follow as f (user_id, target_kind, target_id, following, version, changed_at)
            values (?1, ?2, ?3, true, 1, ?4)
            on conflict (user_id, target_kind, target_id) do update
                set following = true, version = f.version + 1, changed_at = excluded.changed_at
                where not f.following
            returning version""";

    private static final String UNFOLLOW = """
            update user_follow set following = false, version = version + 1, changed_at = ?4
            where user_id = ?1 and target_kind = ?2 and target_id = ?3 and following
            returning version""";

    /** Names from the catalog copy; null while the copy does not know the target (or it was deleted). */
    private static final String LIST = """
            select f.target_kind, cast(f.target_id as text),
                   case f.target_kind when 'category' then c.name else i.title end, f.changed_at
            from user_follow f
            left join catalog_category c on f.target_kind = 'category' and c.id = f.target_id and not c.deleted
            left join catalog_item i on f.target_kind = 'newsletter' and i.id = f.target_id and not i.deleted
            where f.user_id = ?1 and f.following
            order by f.changed_at desc, f.target_id""";

    /** A category is known when the catalog copy has it live, or (no category event yet) a live item is filed under it. */
    private static final String CATEGORY_KNOWN = """
            select coalesce((select not deleted from catalog_category where id = ?1),
                            exists (select 1 from catalog_item where not deleted and category_ids @> array[cast(?1 as uuid)]))""";

    private static final String NEWSLETTER_KNOWN = """
            select exists (select 1 from catalog_item where id = ?1 and item_type = 'newsletter' and not deleted)""";

    private static final String NEWEST_FOLLOWED_POSTS = CatalogRepository.COLUMNS + """
            where item_type = 'post' and not deleted and created_at >= ?
              and newsletter_id in (select target_id from user_follow
                                    where user_id = ? and target_kind = 'newsletter' and following)
            order by created_at desc, id limit ?""";

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    public record Followed(FollowTarget kind, UUID targetId, String name, Instant since) {
    }

    /** Sets whether the user follows the target; the new version when that changed, empty when it already was so. */
    public OptionalLong set(UUID userId, FollowTarget kind, UUID targetId, boolean following, Instant now) {
        List<?> changed = em.createNativeQuery(following ? FOLLOW : UNFOLLOW)
                .setParameter(1, userId).setParameter(2, kind.wireName()).setParameter(3, targetId)
                .setParameter(4, Timestamp.from(now)).getResultList();
        return changed.isEmpty() ? OptionalLong.empty() : OptionalLong.of(((Number) changed.get(0)).longValue());
    }

    /** What the user follows, most recent first. */
    public List<Followed> following(UUID userId) {
        List<?> rows = em.createNativeQuery(LIST).setParameter(1, userId).getResultList();
        return rows.stream().map(row -> {
            Object[] c = (Object[]) row;
            return new Followed(FollowTarget.fromWire((String) c[0]), UUID.fromString((String) c[1]), (String) c[2],
                    CatalogRepository.instant(c[3]));
        }).toList();
    }

    /** Whether the live catalog copy knows the target. */
    public boolean known(FollowTarget kind, UUID targetId) {
        return (Boolean) em.createNativeQuery(kind == FollowTarget.CATEGORY ? CATEGORY_KNOWN : NEWSLETTER_KNOWN)
                .setParameter(1, targetId).getSingleResult();
    }

    /**
     * The newest live posts of the newsletters the user follows, published since {@code since}, newest first: one
     * statement, a range scan of {@code catalog_item_newsletter_newest_posts} per followed newsletter. Every home page
     * runs it, so, like the page's other statements, on a pooled connection in autocommit outside Hibernate (a
     * session per page cost more than the statement).
     */
    public List<CatalogEntry> newestFollowedPosts(UUID userId, Instant since, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(NEWEST_FOLLOWED_POSTS)) {
            query.setTimestamp(1, Timestamp.from(since));
            query.setObject(2, userId);
            query.setInt(3, limit);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return CatalogRepository.entries(rows);
        } catch (SQLException e) {
            throw InteractionStore.failure("reading the followed posts of user " + userId, e);
        }
    }
}
