package app.inbo.reading;

import app.inbo.contracts.events.CategoryDeleted;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.topics.Topics;
import app.inbo.reading.service.Drafts.CategoryDraft;
import app.inbo.reading.service.CategoryService;
import app.inbo.reading.support.CatalogFixture;
import app.inbo.testing.EventTap;
import app.inbo.testing.TestInfra;
import app.inbo.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Catalog changes leave through the transactional outbox: exactly one event per change, none on rollback. */
@QuarkusTest
class CatalogEventsTest {

    @Inject
    CategoryService categories;

    @Inject
    AgroalDataSource db;

    @Inject
    MeterRegistry registry;

    private final String admin = TestTokens.admin(UUID.randomUUID());
    private final EventTap catalog = EventTap.on(Topics.CATALOG);

    @Test
    void eachChangeEmitsExactlyOneEventKeyedByItem() {
        UUID id = UUID.fromString(given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("slug", unique("science"), "name", "Science"))
                .when().post("/api/reading/categories").then().statusCode(201).extract().path("id"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("slug", unique("sciences"), "name", "Sciences"))
                .when().put("/api/reading/categories/" + id).then().statusCode(200);
        given().auth().oauth2(admin).when().delete("/api/reading/categories/" + id).then().statusCode(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> catalog.events(about(id)).size() >= 3);
        List<EventEnvelope<EventPayload>> events = catalog.events(about(id));
        assertEquals(List.of("category.upserted", "category.upserted", "category.deleted"),
                events.stream().map(EventEnvelope::eventType).toList());
        assertEquals(List.of(1L, 2L, 3L), events.stream().map(e -> version(e.payload())).toList());
        assertTrue(events.stream().allMatch(e -> e.key().equals(id.toString())));
        assertEquals("Sciences", ((CategoryUpserted) events.get(1).payload()).name());
        assertEquals(3, events.stream().map(EventEnvelope::eventId).distinct().count());
    }

    /**
     * A renamed category is announced with its newsletters and their posts: each consumer keeps an item's newest
     * copy, so whichever it applies last, an item never keeps the old slug (the catalog topic is keyed by item, so
     * nothing orders a category's event against its items').
     */
    @Test
    void renamingACategoryAnnouncesItsItemsAgainWithTheNewSlug() {
        UUID category = CatalogFixture.category("renamed");
        UUID newsletter = CatalogFixture.newsletter("Renamed letters", category);
        UUID post = CatalogFixture.post(newsletter, "Renamed post", null);
        String slug = CatalogFixture.unique("renamed-to");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Renamed"))
                .when().put("/api/reading/categories/" + category).then().statusCode(200);

        for (UUID item : List.of(newsletter, post)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> catalog.events(about(item)).stream()
                    .anyMatch(e -> e.payload().toString().contains(slug)));
        }
        // a rename to the same slug and name announces nothing but the category
        int before = catalog.events(about(newsletter)).size();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Renamed"))
                .when().put("/api/reading/categories/" + category).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> catalog.events(about(category)).size() == 3);
        assertEquals(before, catalog.events(about(newsletter)).size());
    }

    @Test
    void rolledBackChangeEmitsNothing() {
        QuarkusTransaction.begin();
        UUID rolledBack = categories.create(new CategoryDraft(unique("void"), "Never committed")).id;
        QuarkusTransaction.rollback();
        UUID committed = createCategory("after-rollback");

        await().atMost(Duration.ofSeconds(10)).until(() -> catalog.events(about(committed)).size() == 1);
        assertEquals(0, catalog.events(about(rolledBack)).size());
        assertEquals(0L, outboxRows(rolledBack.toString()));
    }

    @Test
    void eventsWrittenWhileKafkaIsDownArriveOnceItIsBack() throws Exception {
        Assumptions.assumeTrue(TestInfra.ownsKafka(), "needs the broker the tests started");
        TestInfra.stopKafka();
        UUID whileDown;
        try {
            whileDown = createCategory("offline");
            assertEquals(1L, outboxRows(whileDown.toString()), "the event waits in the outbox");
            await("outbox_pending shows the backlog").atMost(Duration.ofSeconds(30)).until(() -> pendingGauge() >= 1);
            // and follows it while the broker stays away (the relay is busy failing and backing off meanwhile)
            for (int i = 0; i < 3; i++) {
                createCategory("offline-more");
            }
            await("outbox_pending follows the growing backlog").atMost(Duration.ofSeconds(15))
                    .until(() -> pendingGauge() >= 4);
        } finally {
            TestInfra.startKafka();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> catalog.events(about(whileDown)).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(null) == 0L);
        assertEquals(1, catalog.events(about(whileDown)).size());
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingGauge() == 0);
    }

    /** The rows waiting in the outbox: all of them, or those of one record key. */
    private long outboxRows(String recordKey) {
        String sql = "select count(*) from outbox_event" + (recordKey == null ? "" : " where record_key = ?");
        try (Connection c = db.getConnection(); PreparedStatement count = c.prepareStatement(sql)) {
            if (recordKey != null) {
                count.setString(1, recordKey);
            }
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private double pendingGauge() {
        return registry.get("outbox_pending").gauge().value();
    }

    private UUID createCategory(String prefix) {
        return UUID.fromString(given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("slug", unique(prefix), "name", prefix))
                .when().post("/api/reading/categories").then().statusCode(201).extract().path("id"));
    }

    private static Predicate<EventEnvelope<EventPayload>> about(UUID id) {
        return e -> e.key().equals(id.toString());
    }

    private static long version(EventPayload payload) {
        return payload instanceof CategoryUpserted u ? u.version() : ((CategoryDeleted) payload).version();
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }
}
