package app.inbo.recommendation;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.events.PostUpdated;
import app.inbo.contracts.events.ReadingProgressRecorded;
import app.inbo.recommendation.support.CatalogFixture;
import app.inbo.recommendation.support.EventFedTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events that arrive before the catalog change they depend on (the catalog topic is partitioned by item, the
 * activity topics by user: nothing orders one after the other) count once the item arrives, exactly as if they had
 * come after it.
 */
@QuarkusTest
class LateBindingTest extends EventFedTest {

    @Test
    void activityBeforeItsItemCountsTowardTheItemsCategoriesOnceItArrives() {
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
        CategoryRef category = new CategoryRef(UUID.randomUUID(), "late-" + UUID.randomUUID().toString().substring(0, 6),
                "Late");
        UUID post = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        UUID onTime = UUID.randomUUID();

        // the early reader's history is applied while the recommendation service has never heard of the post
        activity(early, post, start).forEach(event -> feed.publish(event, source(event)));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from user_event where user_id = ?", early) == 4);
        assertEquals(0, count("select count(*) from user_category_affinity where user_id = ?", early));

        feed.publish(new CategoryUpserted(category.id(), category.slug(), category.name(), 1), "reading-service");
        feed.publish(new PostPublished(post, UUID.randomUUID(), "Letter", "A post", "summary", "https://example.org/" + post,
                start.minus(Duration.ofDays(1)), List.of(category), 1), "reading-service");
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from user_category_affinity where user_id = ? and category_id = ?", early, category.id()) == 1);

        // the same history applied after the post arrived gives the same affinity
        activity(onTime, post, start).forEach(event -> feed.publish(event, source(event)));
        // interactions and reading progress come on two topics: all four applied, not only the first batch
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from user_event where user_id = ?", onTime) == 4);
        List<List<Object>> lateRow = affinity(early, category.id());
        List<List<Object>> onTimeRow = affinity(onTime, category.id());
        assertEquals(onTimeRow.get(0).get(1), lateRow.get(0).get(1), "as_of");
        assertEquals(Double.parseDouble((String) onTimeRow.get(0).get(0)), Double.parseDouble((String) lateRow.get(0).get(0)),
                1e-9, "weight");
        assertTrue(Double.parseDouble((String) lateRow.get(0).get(0)) > 0);
    }

    @Test
    void aCategoryAddedToAnItemLaterGetsTheItemsHistoryOnceAndKeptCategoriesAreNotCountedTwice() {
        Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        CategoryRef first = new CategoryRef(UUID.randomUUID(), "kept-" + UUID.randomUUID().toString().substring(0, 6), "Kept");
        CategoryRef added = new CategoryRef(UUID.randomUUID(), "added-" + UUID.randomUUID().toString().substring(0, 6), "Added");
        UUID post = UUID.randomUUID();
        UUID newsletter = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        feed.publish(new PostPublished(post, newsletter, "Letter", "A post", "summary", "https://example.org/" + post,
                start, List.of(first), 1), "reading-service");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from catalog_item_category where item_id = ?", post) == 1);
        activity(user, post, start).forEach(event -> feed.publish(event, source(event)));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from user_event where user_id = ?", user) == 4);
        List<List<Object>> before = affinity(user, first.id());

        feed.publish(new PostUpdated(post, newsletter, "Letter", "A post", "summary", "https://example.org/" + post,
                start, List.of(first, added), 2), "reading-service");
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from user_category_affinity where user_id = ? and category_id = ?", user, added.id()) == 1);
        assertEquals(before, affinity(user, first.id()), "the category the post was in already is unchanged");
        assertEquals(Double.parseDouble((String) before.get(0).get(0)),
                Double.parseDouble((String) affinity(user, added.id()).get(0).get(0)), 1e-9,
                "the added category gets the same history");
    }

    /** A click, an impression, an open and a read, an hour apart: what the reader did with the post. */
    private static List<EventPayload> activity(UUID user, UUID post, Instant start) {
        List<EventPayload> events = new ArrayList<>();
        String[] types = {"click", "view", "open"};
        for (int i = 0; i < types.length; i++) {
            events.add(new InteractionRecorded(UUID.randomUUID(), user, post, ItemType.POST, types[i], "for_you", i, 900L,
                    "session", null, "home", start.plus(Duration.ofMinutes(20L * i))));
        }
        events.add(new ReadingProgressRecorded(user, post, ItemType.POST, 60, false, start.plus(Duration.ofHours(1))));
        return events;
    }

    private static String source(EventPayload event) {
        return event instanceof ReadingProgressRecorded ? "reading-service" : "experience-service";
    }

    private List<List<Object>> affinity(UUID user, UUID category) {
        return CatalogFixture.rows(db, "select weight, as_of from user_category_affinity where user_id = ? and category_id = ?",
                user, category);
    }

    private long count(String sql, Object... params) {
        return CatalogFixture.rows(db, sql, params).stream().mapToLong(row -> Long.parseLong((String) row.get(0))).sum();
    }
}
