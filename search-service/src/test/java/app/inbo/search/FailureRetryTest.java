package app.inbo.search;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.topics.Topics;
import app.inbo.search.support.CatalogFixture;
import app.inbo.testing.EventTap;
import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Documents whose indexing fails are never lost: the failure is stored with the event before the offset moves on,
 * retried with back-off (test profile: base 500 ms, factor 2, cap 2 s, jitter 0.5, 4 attempts), indexed once the
 * cause is gone, marked dead after the last attempt, and can be retried by an admin.
 */
@QuarkusTest
class FailureRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long[] CEILING_MS = {500, 1000, 2000};
    private static final double JITTER = 0.5;

    @Inject
    DataSource db;

    private CatalogFixture catalog;
    private final List<UUID> injected = new ArrayList<>();
    private final CategoryRef tech = CatalogFixture.category(CatalogFixture.uniqueSlug("tech"), "Technology");
    private final String admin = TestTokens.admin(UUID.randomUUID());

    @BeforeEach
    void open() {
        catalog = new CatalogFixture(db);
    }

    @AfterEach
    void close() {
        catalog.healIndexingOf(injected.toArray(UUID[]::new));
        catalog.close();
    }

    @Test
    void failedDocumentsAreStoredRetriedOnScheduleAndIndexedAfterRecovery() {
        UUID newsletter = UUID.randomUUID();
        UUID recovers = UUID.randomUUID();
        UUID staysBroken = UUID.randomUUID();
        UUID healthy = UUID.randomUUID();
        inject(recovers, staysBroken);
        double succeededBefore = CatalogFixture.metric("search_index_retries_total", "outcome=\"succeeded\"");

        catalog.publish(CatalogFixture.newsletter(newsletter, "Failure Weekly", "x", List.of(tech), 1));
        EventEnvelope<PostPublished> first = catalog.publish(post(recovers, newsletter));
        EventEnvelope<PostPublished> second = catalog.publish(post(staysBroken, newsletter));
        catalog.publish(post(healthy, newsletter));

        // the schedule, watched from the first failure to the last: each retry no earlier than planned, each plan
        // within [ceiling·(1−jitter), ceiling]
        List<CatalogFixture.Failure> seen = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
            catalog.failure(staysBroken).ifPresent(now -> {
                if (seen.isEmpty() || seen.get(seen.size() - 1).attempts() != now.attempts()) {
                    seen.add(now);
                }
            });
            if (catalog.failure(recovers).filter(f -> f.attempts() >= 2).isPresent()) {
                catalog.healIndexingOf(recovers);
            }
            return !seen.isEmpty() && "dead".equals(seen.get(seen.size() - 1).status());
        });
        // the failed events were processed (offset moved on) only together with their failure records
        assertTrue(catalog.processed(first.eventId()) && catalog.processed(second.eventId()));
        assertTrue(catalog.indexedAt(healthy, 1));
        CatalogFixture.Failure stored = seen.get(0);
        assertTrue(stored.lastError().contains("injected indexing failure"), stored.lastError());
        assertEquals(1, stored.eventVersion());
        assertEquals(List.of(1, 2, 3, 4), seen.stream().map(CatalogFixture.Failure::attempts).toList(), seen.toString());
        for (int n = 0; n < 3; n++) {
            CatalogFixture.Failure attempt = seen.get(n);
            long plannedMs = Duration.between(attempt.lastAttemptAt(), attempt.nextAttemptAt()).toMillis();
            assertTrue(plannedMs >= CEILING_MS[n] * (1 - JITTER) - 1 && plannedMs <= CEILING_MS[n],
                    "delay after attempt " + (n + 1) + " was " + plannedMs + " ms");
            assertFalse(seen.get(n + 1).lastAttemptAt().isBefore(attempt.nextAttemptAt()),
                    "attempt " + (n + 2) + " came before it was due");
        }
        CatalogFixture.Failure dead = seen.get(3);
        assertNull(dead.nextAttemptAt());

        // the one whose cause went away is indexed, its record gone
        await().atMost(WAIT).until(() -> catalog.indexedAt(recovers, 1) && catalog.failure(recovers).isEmpty());
        assertTrue(CatalogFixture.metric("search_index_retries_total", "outcome=\"succeeded\"") > succeededBefore);
        await().atMost(WAIT).until(() -> CatalogFixture.metric("search_index_failures_dead", null) >= 1);
        assertTrue(CatalogFixture.metric("search_index_retries_total", "outcome=\"dead\"") >= 1);

        // nothing went to the dead-letter topic: failures are the failure store's
        assertTrue(EventTap.on(Topics.DEAD_LETTER_SEARCH).records().stream()
                .noneMatch(r -> r.key().equals(recovers.toString()) || r.key().equals(staysBroken.toString())));

        // admins see the dead one, and can bring it back once its cause is fixed
        given().auth().oauth2(admin).queryParam("status", "dead").when().get("/api/search/admin/failures")
                .then().statusCode(200).body("failures.item_id", hasItem(staysBroken.toString()))
                .body("failures.find { it.item_id == '" + staysBroken + "' }.attempts", equalTo(4));
        given().auth().oauth2(admin).when().get("/api/search/admin/failures")
                .then().statusCode(200).body("failures.item_id", not(hasItem(staysBroken.toString())));
        catalog.healIndexingOf(staysBroken);
        given().auth().oauth2(admin).when().post("/api/search/admin/failures/" + staysBroken + "/retry")
                .then().statusCode(200).body("outcome", equalTo("succeeded"));
        assertTrue(catalog.indexedAt(staysBroken, 1));
        assertTrue(catalog.failure(staysBroken).isEmpty());
        await().atMost(WAIT).until(() -> CatalogFixture.metric("search_index_failures_dead", null) == 0);
    }

    @Test
    void adminRetriesEveryFailureAtOnce() {
        UUID newsletter = UUID.randomUUID();
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        inject(one, two);
        catalog.publish(CatalogFixture.newsletter(newsletter, "Retry All Weekly", "x", List.of(tech), 1));
        catalog.publish(post(one, newsletter));
        catalog.publish(post(two, newsletter));
        await().atMost(WAIT).until(() -> catalog.failure(one).filter(f -> f.status().equals("dead")).isPresent()
                && catalog.failure(two).filter(f -> f.status().equals("dead")).isPresent());

        catalog.healIndexingOf(one, two);
        given().auth().oauth2(admin).queryParam("status", "dead").when().post("/api/search/admin/failures/retry")
                .then().statusCode(200).body("succeeded", greaterThanOrEqualTo(2)).body("failed", equalTo(0));
        assertTrue(catalog.indexedAt(one, 1) && catalog.indexedAt(two, 1));
        assertTrue(catalog.failure(one).isEmpty() && catalog.failure(two).isEmpty());
    }

    @Test
    void aNewerEventThatSucceedsSupersedesAnOlderFailure() {
        UUID newsletter = UUID.randomUUID();
        UUID item = UUID.randomUUID();
        inject(item);
        catalog.publish(CatalogFixture.newsletter(newsletter, "Supersede Weekly", "x", List.of(tech), 1));
        catalog.publish(post(item, newsletter));
        await().atMost(WAIT).until(() -> catalog.failure(item).isPresent());

        catalog.healIndexingOf(item);
        catalog.publish(CatalogFixture.postUpdate(item, newsletter, "Edited title", "x", List.of(tech), 2));
        await().atMost(WAIT).until(() -> catalog.indexedAt(item, 2) && catalog.failure(item).isEmpty());
        assertEquals("Edited title", catalog.document(item).orElseThrow().title());
    }

    @Test
    void retryingSomethingThatDidNotFailIsANamedError() {
        given().auth().oauth2(admin).when().post("/api/search/admin/failures/" + UUID.randomUUID() + "/retry")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(admin).when().post("/api/search/admin/failures/not-an-id/retry")
                .then().statusCode(400).body("invalid_params[0].name", equalTo("item_id"));
        given().auth().oauth2(admin).queryParam("status", "zombie").when().get("/api/search/admin/failures")
                .then().statusCode(400).body("invalid_params[0].name", equalTo("status"));
    }

    private PostPublished post(UUID id, UUID newsletter) {
        return CatalogFixture.post(id, newsletter, "Post " + id, "A post that may fail to index.", List.of(tech));
    }

    private void inject(UUID... ids) {
        injected.addAll(List.of(ids));
        catalog.failIndexingOf(ids);
    }
}
