package app.inbo.recommendation;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.NewsletterDeleted;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostDeleted;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.events.PostUpdated;
import app.inbo.recommendation.config.RecommendationConfig;
import app.inbo.recommendation.domain.FeatureReads;
import app.inbo.recommendation.domain.PopularityRanks;
import app.inbo.recommendation.support.CatalogFixture;
import app.inbo.recommendation.support.EventFedTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the candidate pool relies on: deleted items lose their category links (and come back with a newer version),
 * the stored popularity rank orders items like their decayed popularity and follows the half-life setting, and the
 * catalog's planner statistics are refreshed after large changes.
 */
@QuarkusTest
class CandidatePoolTest extends EventFedTest {

    @Inject
    FeatureReads reads;

    @Inject
    PopularityRanks ranks;

    @Inject
    RecommendationConfig config;

    private CatalogFixture catalog() {
        return catalog("pool", 3, 5);
    }

    @Test
    void aDeletedPostLeavesItsCategoryAndTheRecommendationsUntilANewerVersionBringsItBack() {
        CatalogFixture c = catalog();
        UUID post = c.posts(0).get(0);
        assertTrue(candidates().contains(post), "every item of the small catalog is a candidate");

        feed.publish(new PostDeleted(post, UUID.randomUUID(), 2), "reading-service");
        await().atMost(Duration.ofSeconds(10)).until(() -> c.count("select count(*) from catalog_item where id = ? and deleted", post) == 1);
        assertEquals(0, c.count("select count(*) from catalog_item_category where item_id = ?", post));
        assertFalse(candidates().contains(post));

        CatalogFixture.Category category = c.category(0);
        feed.publish(new PostUpdated(post, UUID.randomUUID(), "Letter", "back again", "summary", "https://example.org/" + post,
                Instant.now(), List.of(new CategoryRef(category.id(), category.slug(), "Category")), 3), "reading-service");
        await().atMost(Duration.ofSeconds(10)).until(() -> c.count("select count(*) from catalog_item where id = ? and not deleted", post) == 1);
        assertEquals(1, c.count("select count(*) from catalog_item_category where item_id = ? and category_id = ?", post, category.id()));
        assertTrue(candidates().contains(post));
    }

    @Test
    void aDeletedNewsletterTakesItsPostsOutOfTheCategories() {
        CatalogFixture c = catalog();
        CatalogFixture.Category category = c.category(1);
        List<CategoryRef> refs = List.of(new CategoryRef(category.id(), category.slug(), "Category"));
        UUID newsletter = UUID.randomUUID();
        List<UUID> posts = List.of(UUID.randomUUID(), UUID.randomUUID());
        feed.publish(new NewsletterUpserted(newsletter, "Doomed letter", "description", "https://example.org/doomed", refs,
                Instant.now(), Instant.now(), Instant.now(), 1), "reading-service");
        for (UUID post : posts) {
            feed.publish(new PostPublished(post, newsletter, "Doomed letter", "doomed post", "summary",
                    "https://example.org/" + post, Instant.now(), refs, 1), "reading-service");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> c.count(
                "select count(*) from catalog_item_category where item_id = any(?::uuid[])",
                (Object) new UUID[]{newsletter, posts.get(0), posts.get(1)}) == 3);

        feed.publish(new NewsletterDeleted(newsletter, 2), "reading-service");
        await().atMost(Duration.ofSeconds(10)).until(() -> c.count(
                "select count(*) from catalog_item where id = any(?::uuid[]) and deleted",
                (Object) new UUID[]{newsletter, posts.get(0), posts.get(1)}) == 3);
        assertEquals(0, c.count("select count(*) from catalog_item_category where item_id = any(?::uuid[])",
                (Object) new UUID[]{newsletter, posts.get(0), posts.get(1)}));
        Set<UUID> candidates = candidates();
        assertFalse(candidates.contains(newsletter) || candidates.contains(posts.get(0)) || candidates.contains(posts.get(1)));
    }

    @Test
    void aNewsletterCreatedLongAgoThatPostedTodayIsFresh() {
        CatalogFixture c = catalog();
        CatalogFixture.Category category = c.category(2);
        List<CategoryRef> refs = List.of(new CategoryRef(category.id(), category.slug(), "Category"));
        UUID revived = UUID.randomUUID();
        UUID oddlyDated = UUID.randomUUID();
        Instant twoYearsAgo = Instant.now().minus(Duration.ofDays(730)).truncatedTo(ChronoUnit.MILLIS);
        Instant today = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // as the reading service announces it: created two years ago without posts, then again when a post moves its
        // latest post time to today
        feed.publish(new NewsletterUpserted(revived, "Revived letter", "description", "https://example.org/revived", refs,
                twoYearsAgo, twoYearsAgo, null, 1), "reading-service");
        feed.publish(new NewsletterUpserted(revived, "Revived letter", "description", "https://example.org/revived", refs,
                twoYearsAgo, today, today, 2), "reading-service");
        // a latest post older than the creation (an imported archive): the creation is the later time
        feed.publish(new NewsletterUpserted(oddlyDated, "Imported letter", "description", "https://example.org/imported",
                refs, today, today, twoYearsAgo, 1), "reading-service");
        await().atMost(Duration.ofSeconds(10)).until(() -> c.count("select count(*) from catalog_item "
                + "where id = any(?::uuid[]) and version = 2 or id = any(?::uuid[])",
                (Object) new UUID[]{revived}, (Object) new UUID[]{oddlyDated}) == 2);

        assertEquals(1, c.count("select count(*) from catalog_item where id = ? and fresh_at = ?", revived,
                java.sql.Timestamp.from(today)), "fresh_at is the latest post, not the creation two years ago");
        assertEquals(1, c.count("select count(*) from catalog_item_category where item_id = ? and fresh_at = ?", revived,
                java.sql.Timestamp.from(today)), "the per-category freshness order follows");
        assertEquals(1, c.count("select count(*) from catalog_item where id = ? and fresh_at = ?", oddlyDated,
                java.sql.Timestamp.from(today)));
        Map<UUID, Instant> freshAt = new HashMap<>();
        reads.candidates(List.of(), List.of(), List.of(), List.of(), Instant.now())
                .forEach(candidate -> freshAt.put(candidate.id(), candidate.freshAt()));
        assertEquals(today, freshAt.get(revived), "a candidate as fresh as its post of today");
    }

    @Test
    void popularityRanksOrderItemsLikeTheirDecayedPopularity() {
        CatalogFixture c = catalog();
        List<UUID> items = c.posts(2);
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        // raw popularity: 6 clicks ten days ago > 2 clicks now > 1 click a day ago;
        // decayed (72 h half-life): 2.0 now > 0.79 (a day) > 0.59 (ten days)
        clicks(user, items.get(0), 6, now.minus(Duration.ofDays(10)));
        clicks(user, items.get(1), 2, now);
        clicks(user, items.get(2), 1, now.minus(Duration.ofDays(1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> c.count("select count(*) from user_event where user_id = ?", user) == 9);

        List<List<Object>> byRank = CatalogFixture.rows(db, """
                select item_id from item_feature where item_id = any(?) order by popularity_rank desc, item_id""",
                (Object) items.subList(0, 3).toArray(new UUID[0]));
        assertEquals(List.of(List.of(items.get(1).toString()), List.of(items.get(2).toString()), List.of(items.get(0).toString())),
                byRank);
        // and over every item with features: the rank order is the order of popularity decayed to now
        assertEquals(CatalogFixture.rows(db, """
                        select item_id from item_feature where popularity > 0
                        order by popularity * power(0.5, extract(epoch from (now() - popularity_as_of)) / (72 * 3600.0)) desc, item_id"""),
                CatalogFixture.rows(db, "select item_id from item_feature where popularity_rank is not null order by popularity_rank desc, item_id"));
    }

    @Test
    void ranksAreRecomputedWhenTheyWereComputedWithAnotherHalfLife() {
        CatalogFixture c = catalog();
        UUID user = UUID.randomUUID();
        clicks(user, c.posts(1).get(0), 1, Instant.now());
        await().atMost(Duration.ofSeconds(10)).until(() -> c.count("select count(*) from user_event where user_id = ?", user) == 1);
        List<List<Object>> current = CatalogFixture.rows(db, "select item_id, popularity_rank from item_feature order by item_id");
        assertFalse(ranks.recomputeIfHalfLifeChanged(), "ranks already follow the configured half-life");

        // as if the ranks had been computed with a one-hour half-life
        execute("update feature_setting set value = 3600 where name = 'popularity_rank_half_life_seconds'");
        execute("update item_feature set popularity_rank = ln(popularity) + extract(epoch from popularity_as_of) * ln(2) / 3600 where popularity > 0");
        assertTrue(ranks.recomputeIfHalfLifeChanged());
        assertEquals(current, CatalogFixture.rows(db, "select item_id, popularity_rank from item_feature order by item_id"));
        assertEquals(List.of(List.of(Double.toString(config.features().popularityHalfLifeHours() * 3600))),
                CatalogFixture.rows(db, "select value from feature_setting where name = 'popularity_rank_half_life_seconds'"));
    }

    @Test
    void largeCatalogChangesRefreshTheCatalogStatistics() {
        CatalogFixture c = catalog();
        UUID post = c.posts(0).get(0);
        long analyzed = statistics(c, "analyze_count", "catalog_item");
        long vacuumed = statistics(c, "vacuum_count", "catalog_item_category");
        long items = c.count("select count(*) from catalog_item");
        long rows = Math.max(items, c.count("select count(*) from catalog_item_category"));
        // more changed rows in both tables than a refresh needs, as a bulk load makes them
        execute("do $$ begin for i in 1.." + (config.catalogStatistics().minChanges() + 2 * rows) + " loop "
                + "update catalog_item set version = version where id = '" + post + "'; "
                + "update catalog_item_category set category_id = category_id where item_id = '" + post + "'; "
                + "end loop; end $$");
        await().atMost(Duration.ofSeconds(30)).until(() -> statistics(c, "analyze_count", "catalog_item") > analyzed
                && statistics(c, "vacuum_count", "catalog_item_category") > vacuumed);
        assertTrue(c.count("select reltuples::bigint from pg_class where relname = 'catalog_item'") >= items);

        // right after a refresh, a few changes are not enough for another one
        long analyzedNow = statistics(c, "analyze_count", "catalog_item");
        execute("update catalog_item set version = version where id = '" + post + "'");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> statistics(c, "analyze_count", "catalog_item") == analyzedNow);
    }

    private static long statistics(CatalogFixture c, String column, String table) {
        return c.count("select " + column + " from pg_stat_user_tables where relname = ?", table);
    }

    private void clicks(UUID user, UUID item, int count, Instant at) {
        for (int i = 0; i < count; i++) {
            feed.publish(new InteractionRecorded(UUID.randomUUID(), user, item, ItemType.POST, "click", "for_you", i, 1000L,
                    "s", UUID.randomUUID(), "home", at), "experience-service");
        }
    }

    private void execute(String sql) {
        try (var connection = db.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The candidate pool of a user without history. */
    private Set<UUID> candidates() {
        Set<UUID> ids = new HashSet<>();
        reads.candidates(List.of(), List.of(), List.of(), List.of(), Instant.now()).forEach(candidate -> ids.add(candidate.id()));
        return ids;
    }
}
