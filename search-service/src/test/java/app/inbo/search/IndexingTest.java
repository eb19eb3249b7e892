package app.inbo.search;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.PostUpdated;
import app.inbo.search.support.CatalogFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index follows the catalog events: upserts by version, stale events ignored, deletes kept as tombstones. */
@QuarkusTest
class IndexingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource db;

    private CatalogFixture catalog;
    private final CategoryRef tech = CatalogFixture.category(CatalogFixture.uniqueSlug("tech"), "Technology");

    @BeforeEach
    void open() {
        catalog = new CatalogFixture(db);
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void newslettersAndPostsAreIndexedFromEvents() {
        UUID newsletter = UUID.randomUUID();
        UUID post = UUID.randomUUID();
        catalog.publish(CatalogFixture.newsletter(newsletter, "The Byte Brief", "Weekly notes on software.", List.of(tech), 1));
        catalog.publish(CatalogFixture.post(post, newsletter, "Why your cache needs a TTL", "Caches drift.", List.of(tech)));

        await().atMost(WAIT).until(() -> catalog.indexedAt(newsletter, 1) && catalog.indexedAt(post, 1));
        assertEquals("The Byte Brief", catalog.document(newsletter).orElseThrow().title());
        assertTrue(catalog.document(post).orElseThrow().categories().contains(tech.slug()));
    }

    @Test
    void staleEventsNeverOverwriteNewerDocuments() {
        UUID newsletter = UUID.randomUUID();
        UUID post = UUID.randomUUID();
        catalog.publish(CatalogFixture.newsletter(newsletter, "Stale Test Weekly", "x", List.of(tech), 1));
        catalog.publish(CatalogFixture.postUpdate(post, newsletter, "Version three", "newest", List.of(tech), 3));
        EventEnvelope<PostUpdated> stale =
                catalog.publish(CatalogFixture.postUpdate(post, newsletter, "Version two", "older", List.of(tech), 2));

        await().atMost(WAIT).until(() -> catalog.processed(stale.eventId()));
        assertEquals("Version three", catalog.document(post).orElseThrow().title());
        assertEquals(3, catalog.document(post).orElseThrow().version());
    }

    @Test
    void deletesRemoveDocumentsAndAStaleUpsertCannotResurrectThem() {
        UUID newsletter = UUID.randomUUID();
        UUID post = UUID.randomUUID();
        catalog.publish(CatalogFixture.newsletter(newsletter, "Deletion Digest", "x", List.of(tech), 1));
        catalog.publish(CatalogFixture.post(post, newsletter, "Soon gone", "x", List.of(tech)));
        await().atMost(WAIT).until(() -> catalog.indexedAt(post, 1));

        catalog.publish(CatalogFixture.postDeleted(post, newsletter, 2));
        await().atMost(WAIT).until(() -> catalog.deletedAt(post, 2));

        var resurrection = catalog.publish(CatalogFixture.post(post, newsletter, "Soon gone", "replayed", List.of(tech)));
        await().atMost(WAIT).until(() -> catalog.processed(resurrection.eventId()));
        assertTrue(catalog.deletedAt(post, 2), "a stale upsert after the delete is ignored");
    }

    @Test
    void deletingANewsletterDeletesItsPostsForGood() {
        UUID newsletter = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        catalog.publish(CatalogFixture.newsletter(newsletter, "Closing Soon Letter", "x", List.of(tech), 1));
        catalog.publish(CatalogFixture.post(first, newsletter, "First post", "x", List.of(tech)));
        catalog.publish(CatalogFixture.post(second, newsletter, "Second post", "x", List.of(tech)));
        await().atMost(WAIT).until(() -> catalog.indexedAt(first, 1) && catalog.indexedAt(second, 1));

        catalog.publish(CatalogFixture.newsletterDeleted(newsletter, 2));
        await().atMost(WAIT).until(() -> catalog.deletedAt(newsletter, 2));
        assertTrue(catalog.document(first).orElseThrow().deleted());
        assertTrue(catalog.document(second).orElseThrow().deleted());

        // an update of a post of the deleted newsletter (even a newer version) does not bring it back
        var late = catalog.publish(CatalogFixture.postUpdate(first, newsletter, "First post", "edited", List.of(tech), 5));
        await().atMost(WAIT).until(() -> catalog.processed(late.eventId()));
        assertTrue(catalog.document(first).orElseThrow().deleted());
    }

    @Test
    void aRenamedCategoryIsRenamedInItsDocuments() {
        UUID newsletter = UUID.randomUUID();
        catalog.publish(CatalogFixture.newsletter(newsletter, "Category Rename Weekly", "x", List.of(tech), 1));
        await().atMost(WAIT).until(() -> catalog.indexedAt(newsletter, 1));

        String renamed = CatalogFixture.uniqueSlug("technology");
        catalog.publish(new CategoryUpserted(tech.id(), renamed, "Tech & Science", 2));
        await().atMost(WAIT).until(() -> catalog.document(newsletter).orElseThrow().categories().contains(renamed));
        assertTrue(catalog.document(newsletter).orElseThrow().categories().contains("Tech & Science"));
    }
}
