package app.inbo.experience;

import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.experience.support.Neighbours;
import app.inbo.experience.support.Pages;
import app.inbo.experience.support.ReadingFixture;
import app.inbo.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** continue_reading from the reading events: most recently read first, completed items never, the latest event wins. */
@QuarkusTest
class ReadingProjectionTest {

    @Inject
    CatalogRepository catalog;

    @Inject
    AgroalDataSource db;

    @Test
    void continueReadingIsMostRecentlyReadFirstAndAnOlderEventChangesNothing() {
        Neighbours.allUp();
        UUID first;
        UUID second;
        UUID finished;
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            first = fixture.newsletter("read-first", 10);
            second = fixture.newsletter("read-second", 10);
            finished = fixture.newsletter("read-to-the-end", 10);
            fixture.awaitProjected();
        }
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        try (ReadingFixture reading = new ReadingFixture(db)) {
            reading.read(user, first, 30, now.minusSeconds(120))
                    .read(user, second, 60, now.minusSeconds(60))
                    .read(user, finished, 50, now.minusSeconds(30))
                    .read(user, finished, 100, now.minusSeconds(10));
            reading.awaitProjected(user, finished, 100);
            reading.awaitProjected(user, second, 60);
            reading.awaitProjected(user, first, 30);

            JsonPath page = Pages.home(TestTokens.user(user));
            assertEquals(List.of(second.toString(), first.toString()), Pages.itemIds(page, "continue_reading"));
            assertEquals(60, page.getInt("sections[0].items[0].metadata.progress"));
            assertFalse(Pages.allItemIds(page).contains(finished.toString()), "a completed item is never shown");

            // a late event older than what is applied (e.g. a redelivery after a newer one) is not applied; the
            // newer event on another item shows both were consumed
            reading.read(user, second, 5, now.minusSeconds(90)).read(user, first, 80, now);
            reading.awaitProjected(user, first, 80);
            reading.awaitProjected(user, second, 60);
        }
        JsonPath page = Pages.home(TestTokens.user(user));
        assertEquals(List.of(first.toString(), second.toString()), Pages.itemIds(page, "continue_reading"));
    }

    /**
     * Reading events are keyed by user and catalog events by item: a reading event may be applied before the item
     * it names is in the catalog copy. It is kept, and counts from the moment the item arrives.
     */
    @Test
    void readingOfAnItemNotProjectedYetShowsOnceTheItemArrives() {
        Neighbours.allUp();
        UUID user = UUID.randomUUID();
        UUID early;
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            UUID known = fixture.newsletter("read-known", 10);
            fixture.awaitProjected();
            early = UUID.randomUUID();
            try (ReadingFixture reading = new ReadingFixture(db)) {
                reading.read(user, early, 40, Instant.now().minusSeconds(5)).read(user, known, 20, Instant.now().minusSeconds(60));
                reading.awaitProjected(user, early, 40);
                reading.awaitProjected(user, known, 20);
            }
            assertEquals(List.of(known.toString()), Pages.itemIds(Pages.home(TestTokens.user(user)), "continue_reading"),
                    "an item the catalog copy does not have yet is not shown");

            Instant created = Instant.now().minusSeconds(86_400);
            fixture.publish(new NewsletterUpserted(early, "read-early", "About it", "https://inbo.app/n/read-early",
                    List.of(), created, created, null, 1));
            fixture.awaitProjected();
            assertEquals(List.of(early.toString(), known.toString()),
                    Pages.itemIds(Pages.home(TestTokens.user(user)), "continue_reading"));
        }
    }
}
