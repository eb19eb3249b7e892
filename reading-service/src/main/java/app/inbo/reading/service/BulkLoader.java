package app.inbo.reading.service;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostPublished;
import app.inbo.reading.domain.Category;
import app.inbo.reading.service.CatalogSlices.BulkCatalog;
import app.inbo.reading.service.CatalogSlices.BulkCategory;
import app.inbo.reading.service.CatalogSlices.BulkNewsletter;
import app.inbo.reading.service.CatalogSlices.BulkPost;
import app.inbo.support.jdbc.JdbcBatch;
import app.inbo.support.outbox.Outbox;
import app.inbo.support.problem.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Loads a slice of the catalog with caller-chosen ids in one transaction: JDBC batches for the rows, and the
 * same catalog events a one-by-one load would emit (one per category, newsletter and post) through the outbox.
 * All or nothing: an id that exists already is a 409, an unknown category a 400, and nothing is written.
 */
@ApplicationScoped
public class BulkLoader {

    private static final int MAX_POSTS = 20_000;
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    public record Loaded(int categories, int newsletters, int posts) {
    }

    @Transactional
    public Loaded load(BulkCatalog catalog) {
        Map<UUID, CategoryRef> categories = knownCategories(catalog);
        requireNew(catalog);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        List<EventPayload> events = new ArrayList<>();
        for (BulkCategory c : catalog.categories()) {
            events.add(new CategoryUpserted(c.id(), c.slug(), c.name(), 1));
        }
        int posts = 0;
        for (BulkNewsletter n : catalog.newsletters()) {
            List<CategoryRef> refs = n.categoryIds().stream().distinct().map(id -> {
                CategoryRef ref = categories.get(id);
                if (ref == null) {
                    throw new InvalidRequestException("newsletters[].category_ids", "unknown category " + id);
                }
                return ref;
            }).sorted(Comparator.comparing(CategoryRef::slug)).toList();
            Instant latest = n.posts().stream().map(BulkPost::publishedAt).max(Comparator.naturalOrder())
                    .map(t -> t.truncatedTo(ChronoUnit.MICROS)).orElse(null);
            events.add(new NewsletterUpserted(n.id(), n.name(), n.description(), n.url(), refs,
                    n.createdAt().truncatedTo(ChronoUnit.MICROS), now, latest, 1));
            for (BulkPost p : n.posts()) {
                events.add(new PostPublished(p.id(), n.id(), n.name(), p.title(), p.summary(), p.url(),
                        p.publishedAt().truncatedTo(ChronoUnit.MICROS), refs, 1));
                posts++;
            }
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement category = connection.prepareStatement(
                    "insert into category (id, slug, name, version) values (?, ?, ?, 1)");
                 PreparedStatement newsletter = connection.prepareStatement(
                         "insert into newsletter (id, name, description, url, created_at, updated_at, latest_post_at, "
                                 + "version) values (?, ?, ?, ?, ?, ?, ?, 1)");
                 PreparedStatement link = connection.prepareStatement(
                         "insert into newsletter_category (newsletter_id, category_id) values (?, ?)");
                 PreparedStatement post = connection.prepareStatement(
                         "insert into post (id, newsletter_id, title, summary, url, published_at, version) "
                                 + "values (?, ?, ?, ?, ?, ?, 1)")) {
                JdbcBatch categoryRows = new JdbcBatch(category);
                for (BulkCategory c : catalog.categories()) {
                    category.setObject(1, c.id());
                    category.setString(2, c.slug());
                    category.setString(3, c.name());
                    categoryRows.add();
                }
                categoryRows.flush();
                JdbcBatch newsletterRows = new JdbcBatch(newsletter);
                JdbcBatch linkRows = new JdbcBatch(link);
                JdbcBatch postRows = new JdbcBatch(post);
                for (BulkNewsletter n : catalog.newsletters()) {
                    newsletter.setObject(1, n.id());
                    newsletter.setString(2, n.name());
                    newsletter.setString(3, n.description());
                    newsletter.setString(4, n.url());
                    newsletter.setObject(5, n.createdAt().atOffset(ZoneOffset.UTC));
                    newsletter.setObject(6, now.atOffset(ZoneOffset.UTC));
                    newsletter.setObject(7, n.posts().stream().map(BulkPost::publishedAt)
                            .max(Comparator.naturalOrder()).map(t -> t.atOffset(ZoneOffset.UTC)).orElse(null),
                            java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                    newsletterRows.add();
                }
                newsletterRows.flush();
                for (BulkNewsletter n : catalog.newsletters()) {
                    for (UUID categoryId : new HashSet<>(n.categoryIds())) {
                        link.setObject(1, n.id());
                        link.setObject(2, categoryId);
                        linkRows.add();
                    }
                    for (BulkPost p : n.posts()) {
                        post.setObject(1, p.id());
                        post.setObject(2, n.id());
                        post.setString(3, p.title());
                        post.setString(4, p.summary());
                        post.setString(5, p.url());
                        post.setObject(6, p.publishedAt().atOffset(ZoneOffset.UTC));
                        postRows.add();
                    }
                }
                linkRows.flush();
                postRows.flush();
            } catch (SQLException e) {
                throw conflictOrRethrow(e);
            }
        });
        outbox.appendAll(events);
        return new Loaded(catalog.categories().size(), catalog.newsletters().size(), posts);
    }

    /** Categories the newsletters may name: those in the database and those in this load. */
    private Map<UUID, CategoryRef> knownCategories(BulkCatalog catalog) {
        Map<UUID, CategoryRef> known = new HashMap<>();
        Category.<Category>listAll().forEach(c -> known.put(c.id, new CategoryRef(c.id, c.slug, c.name)));
        for (BulkCategory c : catalog.categories()) {
            if (known.containsKey(c.id())) {
                throw new ClientErrorException("category " + c.id() + " exists already", Response.Status.CONFLICT);
            }
            known.put(c.id(), new CategoryRef(c.id(), c.slug(), c.name()));
        }
        return known;
    }

    private void requireNew(BulkCatalog catalog) {
        Set<UUID> newsletters = new HashSet<>();
        Set<UUID> posts = new HashSet<>();
        for (BulkNewsletter n : catalog.newsletters()) {
            if (!newsletters.add(n.id())) {
                throw new InvalidRequestException("newsletters[].id", "duplicate id " + n.id());
            }
            for (BulkPost p : n.posts()) {
                if (!posts.add(p.id())) {
                    throw new InvalidRequestException("newsletters[].posts[].id", "duplicate id " + p.id());
                }
            }
        }
        if (posts.size() > MAX_POSTS) {
            throw new InvalidRequestException("newsletters[].posts", "at most " + MAX_POSTS + " posts per load");
        }
    }

    /** An id that exists already fails the insert; that is the caller's conflict, not a server error. */
    private static SQLException conflictOrRethrow(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            if (UNIQUE_VIOLATION.equals(cause.getSQLState())) {
                throw new ClientErrorException("the load names an id that exists already: " + cause.getMessage(),
                        Response.Status.CONFLICT);
            }
        }
        return e;
    }
}
