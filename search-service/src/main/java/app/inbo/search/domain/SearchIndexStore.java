package app.inbo.search.domain;

import app.inbo.support.jdbc.SqlArrays;
import app.inbo.contracts.events.CategoryDeleted;
import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.NewsletterDeleted;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostDeleted;
import app.inbo.contracts.events.PostEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The writes of the search index, in plain SQL on the caller's connection (one statement per event, so the version
 * check, the tombstone and the clearing of an obsolete failure record happen atomically). Every write applies only
 * when the event's version is newer than the stored one; each method says whether it applied.
 */
@ApplicationScoped
public class SearchIndexStore {

    /**
     * Clears a failure record the event supersedes, and adds the document's words that the lexicon may lack (sorted
     * by the caller, so concurrent writers take the words' locks in one order) to the typo-correction lexicon.
     */
    private static final String CLEAR_AND_LEARN = """
            with cleared as (
                delete from index_failure where item_id = ? and event_version <= ?
            ), learned as (
                insert into search_term (word)
                select w from unnest(?::text[]) as w
                on conflict do nothing
            )
            """;

    /** The savepoint behind which {@code app.inbo.search.service.DocumentIndexer} writes one event. */
    public static final String SAVEPOINT = "search_document_write";

    private static final String UPSERT_SET = """
            on conflict (id) do update set type = excluded.type, newsletter_id = excluded.newsletter_id,
                title = excluded.title, body = excluded.body, newsletter_name = excluded.newsletter_name,
                url = excluded.url, categories = excluded.categories, fresh_at = excluded.fresh_at,
                version = excluded.version, deleted = false, indexed_at = excluded.indexed_at
            where d.version < excluded.version
            returning 1
            """;

    private static final String UPSERT_NEWSLETTER = CLEAR_AND_LEARN + """
            insert into search_document as d (id, type, newsletter_id, title, body, newsletter_name, url, categories,
                fresh_at, version, deleted, indexed_at)
            values (?, 'newsletter', ?, ?, ?, null, ?, ?::jsonb, ?, ?, false, ?)
            """ + UPSERT_SET;

    /** Categories and name of a newsletter are its posts' too. */
    private static final String PROPAGATE_TO_POSTS = """
            update search_document set categories = ?::jsonb, newsletter_name = ?
            where newsletter_id = ? and type = 'post' and not deleted
              and (categories <> ?::jsonb or newsletter_name is distinct from ?)
            """;

    /** A post of a deleted newsletter is never indexed again. */
    private static final String UPSERT_POST = CLEAR_AND_LEARN + """
            insert into search_document as d (id, type, newsletter_id, title, body, newsletter_name, url, categories,
                fresh_at, version, deleted, indexed_at)
            select ?, 'post', ?, ?, ?, ?, ?, ?::jsonb, ?, ?, false, ?
            where not exists (select 1 from search_document n where n.id = ? and n.type = 'newsletter' and n.deleted)
            """ + UPSERT_SET;

    /**
     * Many posts in one statement, as {@link #UPSERT_POST} does each (at most one event per post): the failure
     * records they supersede, the lexicon, the version check. Rows are written in id order, so two writers of
     * overlapping posts lock them in the same order. Returns the ids written.
     */
    private static final String UPSERT_POSTS = """
            with input as (
                select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::timestamptz[], ?::bigint[])
                    as i(id, newsletter_id, title, body, newsletter_name, url, categories, fresh_at, version)
            ), cleared as (
                delete from index_failure f using input i where f.item_id = i.id and f.event_version <= i.version
            ), learned as (
                insert into search_term (word)
                select w from unnest(?::text[]) as w
                on conflict do nothing
            )
            insert into search_document as d (id, type, newsletter_id, title, body, newsletter_name, url, categories,
                fresh_at, version, deleted, indexed_at)
            select i.id, 'post', i.newsletter_id, i.title, i.body, i.newsletter_name, i.url, i.categories::jsonb,
                i.fresh_at, i.version, false, ?
            from input i
            where not exists (select 1 from search_document n
                              where n.id = i.newsletter_id and n.type = 'newsletter' and n.deleted)
            order by i.id
            on conflict (id) do update set type = excluded.type, newsletter_id = excluded.newsletter_id,
                title = excluded.title, body = excluded.body, newsletter_name = excluded.newsletter_name,
                url = excluded.url, categories = excluded.categories, fresh_at = excluded.fresh_at,
                version = excluded.version, deleted = false, indexed_at = excluded.indexed_at
            where d.version < excluded.version
            returning d.id
            """;

    private static final String TOMBSTONE = """
            with cleared as (
                delete from index_failure where item_id = ? and event_version <= ?
            )
            insert into search_document as d (id, type, newsletter_id, version, deleted, indexed_at)
            values (?, ?, ?, ?, true, ?)
            on conflict (id) do update set deleted = true, title = null, body = null, newsletter_name = null,
                url = null, categories = '[]', fresh_at = null, version = excluded.version,
                indexed_at = excluded.indexed_at
            where d.version < excluded.version
            returning 1
            """;

    /** A deleted newsletter takes its posts along (their own deletes may come later, or never). */
    private static final String DELETE_POSTS_OF = """
            with cleared as (
                delete from index_failure where newsletter_id = ? and item_type = 'post'
            )
            update search_document set deleted = true, title = null, body = null, newsletter_name = null, url = null,
                categories = '[]', fresh_at = null, indexed_at = ?
            where newsletter_id = ? and type = 'post' and not deleted
            """;

    private static final String UPSERT_CATEGORY = """
            with cleared as (
                delete from index_failure where item_id = ? and event_version <= ?
            )
            insert into search_category as c (id, slug, name, version, deleted) values (?, ?, ?, ?, ?)
            on conflict (id) do update set slug = excluded.slug, name = excluded.name, version = excluded.version,
                deleted = excluded.deleted
            where c.version < excluded.version
            returning 1
            """;

    private static final String RENAME_CATEGORY_IN_DOCUMENTS = """
            update search_document set categories = (
                select jsonb_agg(case when c->>'id' = ? then jsonb_build_object('id', c->'id', 'slug', ?, 'name', ?)
                                      else c end order by o)
                from jsonb_array_elements(categories) with ordinality as e(c, o))
            where categories @> ?::jsonb and not deleted
            """;

    private static final String REMOVE_CATEGORY_FROM_DOCUMENTS = """
            update search_document set categories = coalesce((
                select jsonb_agg(c order by o) from jsonb_array_elements(categories) with ordinality as e(c, o)
                where c->>'id' <> ?), '[]'::jsonb)
            where categories @> ?::jsonb and not deleted
            """;

    private static final String RECORD_FAILURE = """
            insert into index_failure as f (item_id, item_type, newsletter_id, event_id, event_type, event_version,
                event, attempts, last_error, first_failed_at, last_attempt_at, next_attempt_at, status)
            values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)
            on conflict (item_id) do update set item_type = excluded.item_type,
                newsletter_id = excluded.newsletter_id, event_id = excluded.event_id,
                event_type = excluded.event_type, event_version = excluded.event_version, event = excluded.event,
                attempts = 1, last_error = excluded.last_error, first_failed_at = excluded.first_failed_at,
                last_attempt_at = excluded.last_attempt_at, next_attempt_at = excluded.next_attempt_at,
                status = excluded.status
            where f.event_version < excluded.event_version
            """;

    /** {@code newWords}: the words of name and description the lexicon may lack. */
    public boolean upsertNewsletter(Connection c, NewsletterUpserted n, List<String> newWords, Instant now)
            throws SQLException {
        String categories = json(n.categories());
        boolean applied;
        try (PreparedStatement s = c.prepareStatement(UPSERT_NEWSLETTER)) {
            int i = clearAndLearn(c, s, n.newsletterId(), n.version(), newWords);
            s.setObject(i++, n.newsletterId());
            s.setObject(i++, n.newsletterId());
            s.setString(i++, n.name());
            s.setString(i++, n.description());
            s.setString(i++, n.url());
            s.setString(i++, categories);
            timestamp(s, i++, n.latestPostAt() != null ? n.latestPostAt() : n.updatedAt());
            s.setLong(i++, n.version());
            timestamp(s, i, now);
            applied = returnsRow(s);
        }
        if (applied) {
            try (PreparedStatement s = c.prepareStatement(PROPAGATE_TO_POSTS)) {
                s.setString(1, categories);
                s.setString(2, n.name());
                s.setObject(3, n.newsletterId());
                s.setString(4, categories);
                s.setString(5, n.name());
                s.executeUpdate();
            }
        }
        return applied;
    }

    /**
     * Posts are most of the catalog: their one statement travels in one round trip together with setting and
     * releasing the savepoint. If it fails, the savepoint is still set (the release never ran) for the caller to
     * roll back to. {@code newWords}: the words of title and summary the lexicon may lack.
     */
    public boolean upsertPost(Connection c, PostEvent p, List<String> newWords, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(behindSavepoint(UPSERT_POST))) {
            int i = clearAndLearn(c, s, p.postId(), p.version(), newWords);
            s.setObject(i++, p.postId());
            s.setObject(i++, p.newsletterId());
            s.setString(i++, p.title());
            s.setString(i++, p.summary());
            s.setString(i++, p.newsletterName());
            s.setString(i++, p.url());
            s.setString(i++, json(p.categories()));
            timestamp(s, i++, p.publishedAt());
            s.setLong(i++, p.version());
            timestamp(s, i++, now);
            s.setObject(i, p.newsletterId());
            return bundledReturnsRow(s);
        }
    }

    /**
     * Writes many posts in one statement (at most one event per post); returns the ids written, the others being
     * stale or of a deleted newsletter. {@code newWords}: the words of their titles and summaries the lexicon may
     * lack.
     */
    public Set<UUID> upsertPosts(Connection c, List<PostEvent> posts, List<String> newWords, Instant now)
            throws SQLException {
        List<UUID> ids = new ArrayList<>(posts.size());
        List<UUID> newsletters = new ArrayList<>(posts.size());
        List<String> titles = new ArrayList<>(posts.size());
        List<String> summaries = new ArrayList<>(posts.size());
        List<String> newsletterNames = new ArrayList<>(posts.size());
        List<String> urls = new ArrayList<>(posts.size());
        List<String> categories = new ArrayList<>(posts.size());
        List<String> published = new ArrayList<>(posts.size());
        List<Long> versions = new ArrayList<>(posts.size());
        for (PostEvent p : posts) {
            ids.add(p.postId());
            newsletters.add(p.newsletterId());
            titles.add(p.title());
            summaries.add(p.summary());
            newsletterNames.add(p.newsletterName());
            urls.add(p.url());
            categories.add(json(p.categories()));
            published.add(p.publishedAt() == null ? null : p.publishedAt().toString());
            versions.add(p.version());
        }
        try (PreparedStatement s = c.prepareStatement(UPSERT_POSTS)) {
            SqlArrays.uuids(s, 1, ids);
            SqlArrays.uuids(s, 2, newsletters);
            SqlArrays.texts(s, 3, titles);
            SqlArrays.texts(s, 4, summaries);
            SqlArrays.texts(s, 5, newsletterNames);
            SqlArrays.texts(s, 6, urls);
            SqlArrays.texts(s, 7, categories);
            SqlArrays.texts(s, 8, published);
            SqlArrays.numbers(s, 9, versions);
            SqlArrays.texts(s, 10, newWords);
            timestamp(s, 11, now);
            Set<UUID> written = new HashSet<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    written.add(rows.getObject(1, UUID.class));
                }
            }
            return written;
        }
    }

    public boolean deleteNewsletter(Connection c, NewsletterDeleted n, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE_POSTS_OF)) {
            s.setObject(1, n.newsletterId());
            timestamp(s, 2, now);
            s.setObject(3, n.newsletterId());
            s.executeUpdate();
        }
        return tombstone(c, n.newsletterId(), "newsletter", n.newsletterId(), n.version(), now);
    }

    /** Like {@link #upsertPost}: sets and releases the savepoint itself. */
    public boolean deletePost(Connection c, PostDeleted p, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(behindSavepoint(TOMBSTONE))) {
            bindTombstone(s, p.postId(), "post", p.newsletterId(), p.version(), now);
            return bundledReturnsRow(s);
        }
    }

    public boolean upsertCategory(Connection c, CategoryUpserted k) throws SQLException {
        boolean applied = writeCategory(c, k.categoryId(), k.slug(), k.name(), k.version(), false);
        if (applied) {
            try (PreparedStatement s = c.prepareStatement(RENAME_CATEGORY_IN_DOCUMENTS)) {
                s.setString(1, k.categoryId().toString());
                s.setString(2, k.slug());
                s.setString(3, k.name());
                s.setString(4, json(List.of(Map.of("id", k.categoryId().toString()))));
                s.executeUpdate();
            }
        }
        return applied;
    }

    public boolean deleteCategory(Connection c, CategoryDeleted k) throws SQLException {
        boolean applied = writeCategory(c, k.categoryId(), null, null, k.version(), true);
        if (applied) {
            try (PreparedStatement s = c.prepareStatement(REMOVE_CATEGORY_FROM_DOCUMENTS)) {
                s.setString(1, k.categoryId().toString());
                s.setString(2, json(List.of(Map.of("id", k.categoryId().toString()))));
                s.executeUpdate();
            }
        }
        return applied;
    }

    /**
     * Stores a failed event for the retrier (dead at once when {@code nextAttemptAt} is null); a failure of an older
     * event of the item is replaced.
     */
    public void recordFailure(Connection c, FailedEvent failed, Instant now, Instant nextAttemptAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(RECORD_FAILURE)) {
            s.setObject(1, failed.itemId());
            s.setString(2, failed.itemType());
            s.setObject(3, failed.newsletterId());
            s.setObject(4, failed.eventId());
            s.setString(5, failed.eventType());
            s.setLong(6, failed.version());
            s.setString(7, failed.eventJson());
            s.setString(8, failed.error());
            timestamp(s, 9, now);
            timestamp(s, 10, now);
            timestamp(s, 11, nextAttemptAt);
            s.setString(12, nextAttemptAt == null ? IndexFailure.DEAD : IndexFailure.PENDING);
            s.executeUpdate();
        }
    }

    /** What the failure store keeps of an event whose document could not be written. */
    public record FailedEvent(UUID itemId, String itemType, UUID newsletterId, UUID eventId, String eventType,
                              long version, String eventJson, String error) {
    }

    private boolean writeCategory(Connection c, UUID id, String slug, String name, long version, boolean deleted)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPSERT_CATEGORY)) {
            s.setObject(1, id);
            s.setLong(2, version);
            s.setObject(3, id);
            s.setString(4, slug);
            s.setString(5, name);
            s.setLong(6, version);
            s.setBoolean(7, deleted);
            return returnsRow(s);
        }
    }

    private boolean tombstone(Connection c, UUID id, String type, UUID newsletterId, long version, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TOMBSTONE)) {
            bindTombstone(s, id, type, newsletterId, version, now);
            return returnsRow(s);
        }
    }

    private static void bindTombstone(PreparedStatement s, UUID id, String type, UUID newsletterId, long version,
                                      Instant now) throws SQLException {
        s.setObject(1, id);
        s.setLong(2, version);
        s.setObject(3, id);
        s.setString(4, type);
        s.setObject(5, newsletterId != null ? newsletterId : id);
        s.setLong(6, version);
        timestamp(s, 7, now);
    }

    private static String behindSavepoint(String statement) {
        return "savepoint " + SAVEPOINT + ";\n" + statement + ";\nrelease savepoint " + SAVEPOINT;
    }

    /** The row count of the one statement between "savepoint" and "release" that returns rows. */
    private static boolean bundledReturnsRow(PreparedStatement s) throws SQLException {
        boolean resultSet = s.execute();
        while (true) {
            if (resultSet) {
                try (ResultSet rows = s.getResultSet()) {
                    return rows.next();
                }
            }
            if (s.getUpdateCount() == -1) {
                throw new SQLException("the statement returned no rows result");
            }
            resultSet = s.getMoreResults();
        }
    }

    private static int clearAndLearn(Connection c, PreparedStatement s, UUID itemId, long version, List<String> words)
            throws SQLException {
        s.setObject(1, itemId);
        s.setLong(2, version);
        SqlArrays.texts(s, 3, words);
        return 4;
    }

    private static boolean returnsRow(PreparedStatement s) throws SQLException {
        try (ResultSet rows = s.executeQuery()) {
            return rows.next();
        }
    }

    private static void timestamp(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value == null ? List.<CategoryRef>of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("categories cannot be serialised", e);
        }
    }
}
