package app.inbo.search.support;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.NewsletterDeleted;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostDeleted;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.events.PostUpdated;
import app.inbo.testing.EventFeed;
import io.restassured.RestAssured;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the tests do to and read from the running service: publish catalog events as the reading service would,
 * look at the index tables, inject document failures. Failure injection is a trigger on {@code search_document}
 * that rejects writes of chosen item ids, so the service's own code path meets a real database error.
 */
public final class CatalogFixture implements AutoCloseable {

    static final String PRODUCER = "reading-service";

    private final EventFeed feed = EventFeed.open();
    private final DataSource db;

    public CatalogFixture(DataSource db) {
        this.db = db;
    }

    public static CategoryRef category(String slug, String name) {
        return new CategoryRef(UUID.randomUUID(), slug, name);
    }

    /** A word no other test uses, so a test's searches see only its own documents. */
    public static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    public static String uniqueSlug(String prefix) {
        return prefix + "-" + uniqueWord().toLowerCase(Locale.ROOT);
    }

    public static NewsletterUpserted newsletter(UUID id, String name, String description, List<CategoryRef> categories,
                                         long version) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new NewsletterUpserted(id, name, description, "https://example.test/" + id, categories,
                now.minus(30, ChronoUnit.DAYS), now, now.minus(1, ChronoUnit.DAYS), version);
    }

    public static PostPublished post(UUID id, UUID newsletterId, String title, String summary, List<CategoryRef> categories) {
        return new PostPublished(id, newsletterId, "Newsletter " + newsletterId.toString().substring(0, 4), title,
                summary, "https://example.test/p/" + id, Instant.now().truncatedTo(ChronoUnit.MILLIS), categories, 1);
    }

    /** A post published at a chosen time (freshness). */
    public static PostPublished postPublishedAt(UUID id, UUID newsletterId, String title, String summary, Instant publishedAt) {
        return new PostPublished(id, newsletterId, "Newsletter " + newsletterId.toString().substring(0, 4), title,
                summary, "https://example.test/p/" + id, publishedAt.truncatedTo(ChronoUnit.MILLIS), List.of(), 1);
    }

    public static PostUpdated postUpdate(UUID id, UUID newsletterId, String title, String summary,
                                  List<CategoryRef> categories, long version) {
        return new PostUpdated(id, newsletterId, "Newsletter " + newsletterId.toString().substring(0, 4), title,
                summary, "https://example.test/p/" + id, Instant.now().truncatedTo(ChronoUnit.MILLIS), categories,
                version);
    }

    public static NewsletterDeleted newsletterDeleted(UUID id, long version) {
        return new NewsletterDeleted(id, version);
    }

    public static PostDeleted postDeleted(UUID id, UUID newsletterId, long version) {
        return new PostDeleted(id, newsletterId, version);
    }

    public <P extends EventPayload> EventEnvelope<P> publish(P payload) {
        return feed.publish(payload, PRODUCER);
    }

    /** The stored document: version, deleted, title. */
    public record Doc(long version, boolean deleted, String title, String categories) {
    }

    public Optional<Doc> document(UUID id) {
        return query("select version, deleted, title, categories::text from search_document where id = ?", id,
                rows -> new Doc(rows.getLong(1), rows.getBoolean(2), rows.getString(3), rows.getString(4)));
    }

    public boolean indexedAt(UUID id, long version) {
        return document(id).filter(d -> !d.deleted() && d.version() == version).isPresent();
    }

    public boolean deletedAt(UUID id, long version) {
        return document(id).filter(d -> d.deleted() && d.version() == version).isPresent();
    }

    public boolean processed(UUID eventId) {
        return query("select 1 from processed_event where consumer = 'search-service' and event_id = ?", eventId,
                rows -> 1).isPresent();
    }

    public record Failure(int attempts, String status, String lastError, Instant lastAttemptAt, Instant nextAttemptAt,
                   long eventVersion) {
    }

    public Optional<Failure> failure(UUID itemId) {
        return query("select attempts, status, last_error, last_attempt_at, next_attempt_at, event_version "
                        + "from index_failure where item_id = ?", itemId,
                rows -> new Failure(rows.getInt(1), rows.getString(2), rows.getString(3),
                        rows.getObject(4, java.time.OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rows.getObject(5, java.time.OffsetDateTime.class))
                                .map(java.time.OffsetDateTime::toInstant).orElse(null),
                        rows.getLong(6)));
    }

    public void failIndexingOf(UUID... itemIds) {
        execute("""
                create table if not exists test_failing_item (item_id uuid primary key);
                create or replace function test_fail_chosen_items() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from test_failing_item where item_id = new.id) then
                        raise exception 'injected indexing failure for %', new.id using errcode = 'P0001';
                    end if;
                    return new;
                end $$;
                drop trigger if exists test_fail_chosen_items on search_document;
                create trigger test_fail_chosen_items before insert or update on search_document
                    for each row execute function test_fail_chosen_items();
                """);
        for (UUID id : itemIds) {
            execute("insert into test_failing_item values ('" + id + "') on conflict do nothing");
        }
    }

    public void healIndexingOf(UUID... itemIds) {
        for (UUID id : itemIds) {
            execute("delete from test_failing_item where item_id = '" + id + "'");
        }
    }

    /** The first column of the first row of {@code sql}, as text (empty when there is no row). */
    public Optional<String> scalar(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public void execute(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> Optional<T> query(String sql, UUID id, RowReader<T> reader) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The value of a counter or gauge on /q/metrics (0 when absent), e.g. {@code search_index_failures_dead}. */
    public static double metric(String name, String labelFragment) {
        String body = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+(\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(body);
        double sum = 0;
        while (m.find()) {
            if (labelFragment == null || (m.group(1) != null && m.group(1).contains(labelFragment))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    @Override
    public void close() {
        feed.close();
    }
}
