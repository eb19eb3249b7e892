package app.inbo.experience;

import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.redis.RedisKeys;
import app.inbo.contracts.topics.Topics;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.experience.support.Neighbours;
import app.inbo.experience.support.Pages;
import app.inbo.testing.EventTap;
import app.inbo.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interactions are stored with exactly one event each (through the outbox), and counted in Redis after commit. */
@QuarkusTest
class InteractionsTest {

    @Inject
    CatalogRepository catalog;

    @Inject
    EntityManager em;

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry registry;

    private final EventTap interactions = EventTap.on(Topics.INTERACTIONS);
    private final UUID user = UUID.randomUUID();
    private final String token = TestTokens.user(user);
    private UUID newsletter;
    private UUID post;

    @BeforeEach
    void catalogItems() {
        Neighbours.allUp();
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            newsletter = fixture.newsletter("interactive", 2, CatalogFixture.category("tech"));
            post = UUID.randomUUID();
            fixture.publish(new PostPublished(post, newsletter, "interactive", "A post", "summary",
                    "https://inbo.app/p/1", Instant.now(), List.of(), 1));
            fixture.awaitProjected();
            await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> catalog.typesOf(List.of(post)).containsKey(post)));
        }
    }

    @Test
    void oneInteractionOnARenderedPageBecomesExactlyOneEvent() {
        JsonPath page = Pages.home(token);
        String renderId = page.getString("render_id");
        String shownSection = page.getString("sections[0].type");
        String shownItem = page.getString("sections[0].items[1].id");

        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("render_id", renderId, "item_id", shownItem, "section_type", shownSection,
                        "position", 1, "interaction_type", "open", "dwell_time_ms", 5400, "session_id", "s-1"))
                .when().post("/api/experience/interactions")
                .then().statusCode(202).extract().path("interaction_ids[0]");

        List<EventEnvelope<EventPayload>> events = eventsOf(id, 1);
        assertEquals(1, events.size());
        assertEquals(user.toString(), events.get(0).key());
        assertEquals("experience.interaction.recorded", events.get(0).eventType());
        InteractionRecorded event = (InteractionRecorded) events.get(0).payload();
        assertEquals(user, event.userId());
        assertEquals(UUID.fromString(shownItem), event.itemId());
        assertEquals("open", event.interactionType());
        assertEquals(shownSection, event.sectionType());
        assertEquals(1, event.position());
        assertEquals(5400L, event.dwellTimeMs());
        assertEquals("s-1", event.sessionId());
        assertEquals(UUID.fromString(renderId), event.renderId());
        assertEquals("home", event.appSection());
        assertEquals(1L, storedRows(UUID.fromString(id)));
    }

    @Test
    void withoutARenderTheAppSectionIsUnknownAndTheItemTypeComesFromTheCatalog() {
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("item_id", post.toString(), "interaction_type", "view"))
                .when().post("/api/experience/interactions")
                .then().statusCode(202).extract().path("interaction_ids[0]");

        InteractionRecorded event = (InteractionRecorded) eventsOf(id, 1).get(0).payload();
        assertEquals("unknown", event.appSection());
        assertEquals(ItemType.POST, event.itemType());
        assertEquals(null, event.renderId());
    }

    @Test
    void aCounterKeyHoldingNoCountDoesNotStopTheOtherIncrementsOfItsBatch() {
        redis.value(String.class).set(RedisKeys.itemClicks(post), "not-a-count");
        double failures = registry.counter("experience_counter_failures_total").count();

        Pages.interact(token, List.of(Map.of("item_id", post.toString(), "interaction_type", "click"),
                Map.of("item_id", newsletter.toString(), "interaction_type", "click")));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> registry.counter("experience_counter_failures_total").count() > failures);
        assertEquals("1", redis.value(String.class).get(RedisKeys.itemClicks(newsletter)));
        assertEquals("not-a-count", redis.value(String.class).get(RedisKeys.itemClicks(post)));
        assertTrue(redis.sortedSet(String.class).zscore(RedisKeys.trendingHour(Instant.now().getEpochSecond() / 3600),
                post.toString()).isPresent(), "the post's trending weight is counted all the same");
    }

    @Test
    void aBatchBecomesOneEventPerInteractionAndCountsInRedis() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(Map.of("item_id", newsletter.toString(), "interaction_type", "click", "position", i));
        }
        for (int i = 0; i < 5; i++) {
            batch.add(Map.of("item_id", newsletter.toString(), "interaction_type", "view"));
        }
        batch.add(Map.of("item_id", post.toString(), "interaction_type", "view"));
        batch.add(Map.of("item_id", post.toString(), "interaction_type", "dismiss"));

        List<String> ids = Pages.interact(token, batch);

        assertEquals(batch.size(), ids.size());
        await().atMost(Duration.ofSeconds(15)).until(() -> "7".equals(redis.value(String.class).get(RedisKeys.itemClicks(newsletter))));
        assertEquals("5", redis.value(String.class).get(RedisKeys.itemViews(newsletter)));
        assertEquals("1", redis.value(String.class).get(RedisKeys.itemViews(post)));
        assertEquals("1", redis.value(String.class).get(RedisKeys.itemCounter(post, "dismisses")));
        double hourWeight = redis.sortedSet(String.class).zscore(
                RedisKeys.trendingHour(Instant.now().getEpochSecond() / 3600), newsletter.toString()).orElseThrow();
        assertEquals(7 * 1.0 + 5 * 0.2, hourWeight, 1e-9);
        assertTrue(redis.key().ttl(RedisKeys.trendingHour(Instant.now().getEpochSecond() / 3600)) > 0,
                "the trending hour expires");

        await().atMost(Duration.ofSeconds(20)).until(() -> interactions.events(e -> ids.contains(id(e))).size() >= ids.size());
        List<EventEnvelope<EventPayload>> events = interactions.events(e -> ids.contains(id(e)));
        assertEquals(ids.size(), events.size(), "exactly one event per interaction");
        Map<String, Integer> perId = new HashMap<>();
        events.forEach(e -> perId.merge(id(e), 1, Integer::sum));
        assertEquals(ids.size(), perId.size());
        assertEquals(ids, events.stream().map(InteractionsTest::id).toList(), "the events keep the batch's order");
        assertEquals(7L, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from interaction where user_id = :user and position is null")
                .setParameter("user", user).getSingleResult()).longValue()), "interactions without a position");
    }

    @Test
    void aRenderOfAnotherUserIsForbiddenAndNothingIsStored() {
        String othersRender = Pages.home(TestTokens.user(UUID.randomUUID())).getString("render_id");
        long before = interactionsOf(newsletter);

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("render_id", othersRender, "item_id", newsletter.toString(), "interaction_type", "click"))
                .when().post("/api/experience/interactions")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("interactions", List.of(
                        Map.of("item_id", newsletter.toString(), "interaction_type", "click"),
                        Map.of("render_id", othersRender, "item_id", newsletter.toString(), "interaction_type", "click"))))
                .when().post("/api/experience/interactions/batch")
                .then().statusCode(403);

        assertEquals(before, interactionsOf(newsletter), "a batch is all or nothing");
    }

    @Test
    void anUnknownRenderIsNotFound() {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("render_id", UUID.randomUUID().toString(), "item_id", newsletter.toString(),
                        "interaction_type", "click"))
                .when().post("/api/experience/interactions")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void invalidFieldsAreNamed() {
        rejects(Map.of("item_id", newsletter.toString(), "interaction_type", "poke"), "interaction_type");
        rejects(Map.of("interaction_type", "click"), "item_id");
        rejects(Map.of("item_id", "not-a-uuid", "interaction_type", "click"), "item_id");
        rejects(Map.of("item_id", newsletter.toString(), "interaction_type", "click", "position", -1), "position");
        rejects(Map.of("item_id", newsletter.toString(), "interaction_type", "click", "dwell_time_ms", -5), "dwell_time_ms");
        rejects(Map.of("item_id", UUID.randomUUID().toString(), "interaction_type", "click"), "item_id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"item_id\": ")
                .when().post("/api/experience/interactions").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("item_id", newsletter.toString(), "interaction_type", "click"))
                .when().post("/api/experience/interactions").then().statusCode(401);
    }

    @Test
    void aBatchWithOneBadEntryStoresNothing() {
        long before = interactionsOf(newsletter);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("interactions", List.of(
                        Map.of("item_id", newsletter.toString(), "interaction_type", "click"),
                        Map.of("item_id", UUID.randomUUID().toString(), "interaction_type", "click"))))
                .when().post("/api/experience/interactions/batch")
                .then().statusCode(400).body("invalid_params.name", hasItem("interactions[1].item_id"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("interactions", List.of(
                        Map.of("item_id", newsletter.toString(), "interaction_type", "click"),
                        Map.of("item_id", newsletter.toString(), "interaction_type", "nope"))))
                .when().post("/api/experience/interactions/batch")
                .then().statusCode(400).body("invalid_params.name", hasItem("interaction_type"));
        assertEquals(before, interactionsOf(newsletter));
    }

    @Test
    void batchesAreBounded() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("item_id", newsletter.toString(), "interaction_type", "view"));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("interactions", tooMany))
                .when().post("/api/experience/interactions/batch")
                .then().statusCode(400).body("invalid_params[0].name", equalTo("interactions"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("interactions", List.of()))
                .when().post("/api/experience/interactions/batch")
                .then().statusCode(400).body("invalid_params[0].name", equalTo("interactions"));
    }

    private void rejects(Map<String, Object> body, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/experience/interactions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalid_params.name", hasItem(field));
    }

    private List<EventEnvelope<EventPayload>> eventsOf(String interactionId, int expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> interactions.events(e -> interactionId.equals(id(e))).size() >= expected);
        return interactions.events(e -> interactionId.equals(id(e)));
    }

    private static String id(EventEnvelope<EventPayload> event) {
        return ((InteractionRecorded) event.payload()).interactionId().toString();
    }

    private long storedRows(UUID interactionId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from interaction where id = :id").setParameter("id", interactionId).getSingleResult()).longValue());
    }

    private long interactionsOf(UUID item) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from interaction where item_id = :id").setParameter("id", item).getSingleResult()).longValue());
    }
}
