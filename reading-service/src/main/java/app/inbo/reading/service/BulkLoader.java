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
import app.inbo.support.jdbc.SqlArrays;
import app.inbo.support.messaging.TransientFailures;
import app.inbo.support.outbox.Outbox;
import app.inbo.support.problem.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import org.hibernate.Session;

import java.sql.Connection;
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
 * Loads a slice of the catalog with caller-chosen ids in one transaction: one set-based insert per table, and the
 * same catalog events a one-by-one load would emit (one per category, newsletter and post) through the outbox.
 * All or nothing: an id that exists already is a 409, an unknown category a 400, and nothing is written.
 */
@ApplicationScoped
public class BulkLoader {

    private static final int MAX_POSTS = 20_000;
    private static final String INSERT_CATEGORIES = """
            insert into category (id, slug, name, version)
            select *, 1 from unnest(?::uuid[], ?::text[], ?::text[])""";
    /** The first parameter is the load's time, every newsletter's {@code updated_at}. */
    private static final String INSERT_NEWSLETTERS = """
            insert into newsletter (id, name, description, url, created_at, updated_at, latest_post_at, version)
            select id, name, description, url, created_at, ?::timestamptz, latest_post_at, 1
            from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
                as n(id, name, description, url, created_at, latest_post_at)""";
    private static final String INSERT_LINKS = """
            insert into newsletter_category (newsletter_id, category_id)
            select * from unnest(?::uuid[], ?::uuid[])""";
    private static final String INSERT_POSTS = """
            insert into post (id, newsletter_id, title, summary, url, published_at, version)
            select *, 1 from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])""";

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
            try {
                insertRows(connection, catalog, now);
            } catch (SQLException e) {
                throw conflictOrRethrow(e);
            }
        });
        outbox.appendAll(events);
        return new Loaded(catalog.categories().size(), catalog.newsletters().size(), posts);
    }

    private static void insertRows(Connection connection, BulkCatalog catalog, Instant now) throws SQLException {
        List<BulkCategory> categories = catalog.categories();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_CATEGORIES)) {
            SqlArrays.uuids(insert, 1, categories.stream().map(BulkCategory::id).toList());
            SqlArrays.texts(insert, 2, categories.stream().map(BulkCategory::slug).toList());
            SqlArrays.texts(insert, 3, categories.stream().map(BulkCategory::name).toList());
            insert.executeUpdate();
        }
        List<BulkNewsletter> newsletters = catalog.newsletters();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_NEWSLETTERS)) {
            insert.setObject(1, now.atOffset(ZoneOffset.UTC));
            SqlArrays.uuids(insert, 2, newsletters.stream().map(BulkNewsletter::id).toList());
            SqlArrays.texts(insert, 3, newsletters.stream().map(BulkNewsletter::name).toList());
            SqlArrays.texts(insert, 4, newsletters.stream().map(BulkNewsletter::description).toList());
            SqlArrays.texts(insert, 5, newsletters.stream().map(BulkNewsletter::url).toList());
            SqlArrays.instants(insert, 6, newsletters.stream().map(BulkNewsletter::createdAt).toList());
            SqlArrays.instants(insert, 7, newsletters.stream().map(n -> n.posts().stream().map(BulkPost::publishedAt)
                    .max(Comparator.naturalOrder()).orElse(null)).toList());
            insert.executeUpdate();
        }
        List<UUID> linkNewsletters = new ArrayList<>();
        List<UUID> linkCategories = new ArrayList<>();
        List<UUID> postNewsletters = new ArrayList<>();
        List<BulkPost> posts = new ArrayList<>();
        for (BulkNewsletter n : newsletters) {
            for (UUID categoryId : new HashSet<>(n.categoryIds())) {
                linkNewsletters.add(n.id());
                linkCategories.add(categoryId);
            }
            for (BulkPost p : n.posts()) {
                postNewsletters.add(n.id());
                posts.add(p);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_LINKS)) {
            SqlArrays.uuids(insert, 1, linkNewsletters);
            SqlArrays.uuids(insert, 2, linkCategories);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_POSTS)) {
            SqlArrays.uuids(insert, 1, posts.stream().map(BulkPost::id).toList());
            SqlArrays.uuids(insert, 2, postNewsletters);
            SqlArrays.texts(insert, 3, posts.stream().map(BulkPost::title).toList());
            SqlArrays.texts(insert, 4, posts.stream().map(BulkPost::summary).toList());
            SqlArrays.texts(insert, 5, posts.stream().map(BulkPost::url).toList());
            SqlArrays.instants(insert, 6, posts.stream().map(BulkPost::publishedAt).toList());
            insert.executeUpdate();
        }
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
        if (TransientFailures.isUniqueViolation(e)) {
            throw new ClientErrorException("the load names an id that exists already: " + e.getMessage(),
                    Response.Status.CONFLICT);
        }
        return e;
    }
}
