package app.inbo.experience;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.NewsletterDeleted;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.topics.Topics;
import app.inbo.experience.domain.CatalogEntry;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.testing.EventFeed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog copy follows the catalog events: newer versions only, tombstones stay, posts follow newsletters. */
@QuarkusTest
class CatalogProjectionTest {

    @Inject
    CatalogRepository catalog;

    @Test
    void onlyNewerVersionsApplyAndDeletesStay() {
        UUID id = UUID.randomUUID();
        CategoryRef category = CatalogFixture.category("maths");
        Instant created = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        try (EventFeed feed = EventFeed.open()) {
            feed.publish(upserted(id, "v2", List.of(category), created, 2), "reading-service");
            feed.publish(upserted(id, "v1", List.of(), created, 1), "reading-service");
            UUID marker = UUID.randomUUID();
            feed.publish(upserted(marker, "marker", List.of(), created, 1), "reading-service");
            await().atMost(Duration.ofSeconds(30)).until(() -> live(List.of(id, marker)).size() == 2);
            CatalogEntry entry = live(List.of(id)).get(id);
            assertEquals("v2", entry.title(), "an older version never overwrites a newer one");
            assertEquals(List.of(category.slug()), entry.categorySlugs());
            assertTrue(entry.categoryIds().contains(category.id()));
            assertEquals(created, entry.createdAt());

            UUID post = UUID.randomUUID();
            Instant published = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            feed.publish(new PostPublished(post, id, "v2", "First post", "about", "https://inbo.app/p", published,
                    List.of(category), 1), "reading-service");
            await().atMost(Duration.ofSeconds(30)).until(() -> live(List.of(post)).size() == 1);
            assertEquals(published, live(List.of(id)).get(id).latestPostAt(), "a post moves its newsletter's latest post time");

            feed.publish(new NewsletterDeleted(id, 3), "reading-service");
            await().atMost(Duration.ofSeconds(30)).until(() -> live(List.of(id, post)).isEmpty());
            feed.publish(upserted(id, "v2 again", List.of(), created, 2), "reading-service");
            UUID marker2 = UUID.randomUUID();
            feed.publish(upserted(marker2, "marker", List.of(), created, 1), "reading-service");
            await().atMost(Duration.ofSeconds(30)).until(() -> live(List.of(marker2)).size() == 1);
            assertFalse(live(List.of(id)).containsKey(id), "a replayed older upsert does not resurrect a deleted item");
            assertTrue(QuarkusTransaction.requiringNew().call(() -> catalog.typesOf(List.of(id))).containsKey(id),
                    "the tombstone keeps its type for trailing interactions");
        }
    }

    @Test
    void aPoisonRecordIsParkedAndTheRestApplied() {
        UUID id = UUID.randomUUID();
        try (EventFeed feed = EventFeed.open()) {
            feed.send(Topics.CATALOG, "garbage", "{not json");
            feed.publish(upserted(id, "after poison", List.of(), Instant.now(), 1), "reading-service");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> live(List.of(id)).size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> app.inbo.testing.EventTap.on(Topics.DEAD_LETTER_EXPERIENCE)
                .records().stream().anyMatch(r -> "garbage".equals(r.key())));
    }

    @Test
    void aNewsletterCreatedLongAgoThatPostedTodayIsAmongTheNewest() {
        CategoryRef category = CatalogFixture.category("revived");
        UUID revived = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        Instant twoYearsAgo = Instant.now().minus(730, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        try (EventFeed feed = EventFeed.open()) {
            feed.publish(upserted(revived, "revived", List.of(category), twoYearsAgo, 1), "reading-service");
            feed.publish(upserted(quiet, "quiet", List.of(category), Instant.now().minus(10, ChronoUnit.DAYS), 1),
                    "reading-service");
            UUID post = UUID.randomUUID();
            feed.publish(new PostPublished(post, revived, "revived", "Back", "about", "https://inbo.app/p/" + post,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), List.of(), 1), "reading-service");
            await().atMost(Duration.ofSeconds(30)).until(() -> live(List.of(post, quiet)).size() == 2
                    && live(List.of(revived)).get(revived).latestPostAt() != null);
        }
        List<UUID> newest = QuarkusTransaction.requiringNew()
                .call(() -> catalog.newestInCategories(List.of(category.id()), 10)).stream().map(CatalogEntry::id).toList();
        assertEquals(List.of(revived, quiet), newest,
                "the later of creation and latest post orders it: today's post beats a creation ten days ago");
    }

    private Map<UUID, CatalogEntry> live(List<UUID> ids) {
        return QuarkusTransaction.requiringNew().call(() -> catalog.findLive(ids));
    }

    private static NewsletterUpserted upserted(UUID id, String name, List<CategoryRef> categories, Instant created, long version) {
        return new NewsletterUpserted(id, name, "desc", "https://inbo.app/n/" + id, categories, created, created, null, version);
    }
}
