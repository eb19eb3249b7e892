package app.inbo.search;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.topics.Topics;
import app.inbo.search.support.CatalogFixture;
import app.inbo.testing.EventTap;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database goes away for a while (its connections are cut). Events that arrive meanwhile are retried in place
 * by the event pipeline (the offset does not move, nothing is dead-lettered), the retrier defers without using up
 * attempts, and once the database is back every document is indexed: none is lost.
 */
@QuarkusTest
class DatabaseOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource db;

    @Test
    void everyDocumentIsIndexedAfterTheDatabaseComesBack() {
        CategoryRef tech = CatalogFixture.category(CatalogFixture.uniqueSlug("tech"), "Technology");
        UUID newsletter = UUID.randomUUID();
        UUID failedBefore = UUID.randomUUID();
        List<UUID> duringOutage = new ArrayList<>();
        try (CatalogFixture catalog = new CatalogFixture(db)) {
            catalog.publish(CatalogFixture.newsletter(newsletter, "Outage Weekly", "x", List.of(tech), 1));
            // a stored failure whose next attempts fall into the outage
            catalog.failIndexingOf(failedBefore);
            catalog.publish(CatalogFixture.post(failedBefore, newsletter, "Failed before", "x", List.of(tech)));
            await().atMost(WAIT).until(() -> catalog.failure(failedBefore).isPresent());
            catalog.healIndexingOf(failedBefore);

            double transientBefore = CatalogFixture.metric("inbo_events_transient_retries_total", "search-service");
            double deferredBefore = CatalogFixture.metric("search_index_retries_total", "outcome=\"deferred\"");
            SearchTestResource.cutDatabase();
            try {
                for (int i = 0; i < 20; i++) {
                    UUID post = UUID.randomUUID();
                    duringOutage.add(post);
                    catalog.publish(CatalogFixture.post(post, newsletter, "Written during the outage " + i, "x", List.of(tech)));
                }
                await().atMost(WAIT).until(() ->
                        CatalogFixture.metric("inbo_events_transient_retries_total", "search-service") > transientBefore
                                && CatalogFixture.metric("search_index_retries_total", "outcome=\"deferred\"") > deferredBefore);
            } finally {
                SearchTestResource.restoreDatabase();
            }

            await().atMost(WAIT).until(() -> duringOutage.stream().allMatch(id -> catalog.indexedAt(id, 1)));
            await().atMost(WAIT).until(() -> catalog.indexedAt(failedBefore, 1) && catalog.failure(failedBefore).isEmpty());
            assertTrue(duringOutage.stream().allMatch(id -> catalog.failure(id).isEmpty()),
                    "an outage is not a document failure");
            List<String> parked = EventTap.on(Topics.DEAD_LETTER_SEARCH).records().stream().map(r -> r.key()).toList();
            assertTrue(duringOutage.stream().noneMatch(id -> parked.contains(id.toString())), "nothing dead-lettered");
        }
    }
}
