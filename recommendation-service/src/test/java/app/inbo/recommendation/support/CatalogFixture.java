package app.inbo.recommendation.support;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.events.ReadingProgressRecorded;
import app.inbo.testing.EventFeed;
import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * A small catalog published through the real catalog topic (as the reading service would), plus helpers to act as
 * the experience and reading services, and to read the service's tables.
 */
public final class CatalogFixture {

    public record Category(UUID id, String slug) {
    }

    public final Map<Category, List<UUID>> postsByCategory = new LinkedHashMap<>();
    private final EventFeed feed;
    private final AgroalDataSource db;

    private CatalogFixture(EventFeed feed, AgroalDataSource db) {
        this.feed = feed;
        this.db = db;
    }

    /** {@code categories} categories of {@code postsEach} posts; older posts of a category are less fresh. */
    public static CatalogFixture publish(EventFeed feed, AgroalDataSource db, String prefix, int categories, int postsEach) {
        CatalogFixture catalog = new CatalogFixture(feed, db);
        List<UUID> all = new ArrayList<>();
        Instant now = Instant.now();
        for (int c = 0; c < categories; c++) {
            Category category = new Category(UUID.randomUUID(), prefix + "-" + c);
            feed.publish(new CategoryUpserted(category.id(), category.slug(), "Category " + category.slug(), 1), "reading-service");
            List<UUID> posts = new ArrayList<>();
            for (int p = 0; p < postsEach; p++) {
                UUID post = UUID.randomUUID();
                feed.publish(new PostPublished(post, UUID.randomUUID(), "Letter " + category.slug(),
                        category.slug() + " post " + p, "summary", "https://example.org/" + post,
                        now.minus(Duration.ofHours(c * 7L + p)),
                        List.of(new CategoryRef(category.id(), category.slug(), "Category " + category.slug())), 1),
                        "reading-service");
                posts.add(post);
            }
            catalog.postsByCategory.put(category, posts);
            all.addAll(posts);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> catalog.count(
                "select count(*) from catalog_item where id = any(?::uuid[])", (Object) all.toArray(new UUID[0])) == all.size());
        return catalog;
    }

    public Category category(int index) {
        return new ArrayList<>(postsByCategory.keySet()).get(index);
    }

    public List<UUID> posts(int category) {
        return postsByCategory.get(category(category));
    }

    public static InteractionRecorded interaction(UUID user, UUID item, String type, int position) {
        return new InteractionRecorded(UUID.randomUUID(), user, item, ItemType.POST, type, "for_you", position,
                1500L, "session-" + user.toString().substring(0, 8), UUID.randomUUID(), "home", Instant.now());
    }

    public static ReadingProgressRecorded progress(UUID user, UUID item, int progress) {
        return new ReadingProgressRecorded(user, item, ItemType.POST, progress, progress >= 100, Instant.now());
    }

    public long count(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Object[] array) {
                    s.setArray(i + 1, c.createArrayOf("uuid", array));
                } else {
                    s.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of a query as lists of column values, for snapshots and assertions. */
    public static List<List<Object>> rows(AgroalDataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<List<Object>> result = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rows.getObject(i) == null ? null : rows.getObject(i).toString());
                    }
                    result.add(row);
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
