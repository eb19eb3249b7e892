package app.inbo.experience;

import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.redis.RedisKeys;
import app.inbo.contracts.topics.Topics;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.rest.InteractionRequest;
import app.inbo.experience.service.popularity.CounterJobs;
import app.inbo.experience.service.popularity.TrendingBoard;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.experience.support.Neighbours;
import app.inbo.experience.support.Pages;
import app.inbo.testing.EventTap;
import app.inbo.testing.TestTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interactions queued offline carry the client's {@code occurred_at}: accepted within its bounds (5 minutes ahead,
 * 30 days back), stored and produced with the time of receipt beside it, produced in the order they happened, and
 * weighed in the trending hour they happened; outside the bounds, a 400 naming the field and nothing written.
 */
@QuarkusTest
class ClientEventTimeTest {

    @Inject
    CatalogRepository catalog;

    @Inject
    EntityManager em;

    @Inject
    RedisDataSource redis;

    @Inject
    TrendingBoard trending;

    @Inject
    CounterJobs jobs;

    @Inject
    ObjectMapper mapper;

    private final EventTap interactions = EventTap.on(Topics.INTERACTIONS);
    private final UUID user = UUID.randomUUID();
    private final String token = TestTokens.user(user);
    private UUID newsletter;
    private UUID post;

    @BeforeEach
    void catalogItems() {
        Neighbours.allUp();
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            newsletter = fixture.newsletter("offline", 3, CatalogFixture.category("offline"));
            post = UUID.randomUUID();
            fixture.publish(new PostPublished(post, newsletter, "offline", "A post read offline", "summary",
                    "https://inbo.app/p/offline", Instant.now(), List.of(), 1));
            fixture.awaitProjected();
            await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> catalog.typesOf(List.of(post)).containsKey(post)));
        }
    }

    @Test
    void aClientTimeWithinItsBoundsIsWhenTheInteractionOccurredAndTheReceiptIsKept() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant clientTime = before.minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        String timed = record(Map.of("item_id", post.toString(), "interaction_type", "click",
                "occurred_at", clientTime.toString()));
        // any ISO-8601 offset names the same instant
        String withOffset = record(Map.of("item_id", newsletter.toString(), "interaction_type", "open",
                "occurred_at", clientTime.atOffset(ZoneOffset.ofHours(2)).toString()));
        String untimed = record(Map.of("item_id", post.toString(), "interaction_type", "view"));
        Instant after = Instant.now();

        InteractionRecorded event = eventOf(timed);
        assertEquals(clientTime, event.occurredAt());
        assertFalse(event.receivedAt().isBefore(before) || event.receivedAt().isAfter(after),
                "received " + event.receivedAt() + ", between " + before + " and " + after);
        assertEquals(List.of(clientTime, event.receivedAt()), stored(timed));
        assertEquals(clientTime, eventOf(withOffset).occurredAt());

        InteractionRecorded receivedOnly = eventOf(untimed);
        assertFalse(receivedOnly.receivedAt().isBefore(before) || receivedOnly.receivedAt().isAfter(after));
        assertEquals(receivedOnly.receivedAt(), receivedOnly.occurredAt(), "without a client time: the receipt");
        assertEquals(List.of(receivedOnly.receivedAt(), receivedOnly.receivedAt()), stored(untimed));
    }

    @Test
    void clientTimesOutsideTheBoundsAreRefusedNamingTheFieldAndNothingIsWritten() {
        Instant now = Instant.now();
        rejected(Map.of("item_id", post.toString(), "interaction_type", "click",
                "occurred_at", now.plus(Duration.ofMinutes(10)).toString()))
                .body("invalid_params.name", contains("occurred_at"))
                .body("invalid_params[0].reason", containsString("in the future: more than 5 minutes after"));
        rejected(Map.of("item_id", post.toString(), "interaction_type", "click",
                "occurred_at", now.minus(Duration.ofDays(31)).toString()))
                .body("invalid_params.name", contains("occurred_at"))
                .body("invalid_params[0].reason", containsString("too old: more than 30 days before"));
        rejected(Map.of("item_id", post.toString(), "interaction_type", "click", "occurred_at", "yesterday"))
                .body("invalid_params.name", contains("occurred_at"));
        rejected(Map.of("item_id", post.toString(), "interaction_type", "click", "occurred_at", "2026-12-01T10:00:00"))
                .body("invalid_params.name", contains("occurred_at"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("interactions", List.of(
                        Map.of("item_id", post.toString(), "interaction_type", "click",
                                "occurred_at", now.minus(Duration.ofHours(1)).toString()),
                        Map.of("item_id", post.toString(), "interaction_type", "click",
                                "occurred_at", now.minus(Duration.ofDays(40)).toString()),
                        Map.of("item_id", post.toString(), "interaction_type", "view"),
                        Map.of("item_id", post.toString(), "interaction_type", "click",
                                "occurred_at", now.plus(Duration.ofHours(1)).toString()))))
                .when().post("/api/experience/interactions/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalid_params.name", contains("interactions[1].occurred_at", "interactions[3].occurred_at"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("interactions", List.of(
                        Map.of("item_id", post.toString(), "interaction_type", "click"),
                        Map.of("item_id", post.toString(), "interaction_type", "click", "occurred_at", "yesterday"))))
                .when().post("/api/experience/interactions/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalid_params.name", contains("interactions[1].occurred_at"));

        assertEquals(0L, count("select count(*) from interaction where user_id = :id", user));
        assertEquals(0L, count("select count(*) from item_count_delta where item_id = :id", post));
        assertNull(redis.value(String.class).get(RedisKeys.itemClicks(post)));

        // at the edges of the bounds: accepted; and the only events of this user are theirs
        String almostAMonth = record(Map.of("item_id", post.toString(), "interaction_type", "click",
                "occurred_at", Instant.now().minus(Duration.ofDays(29)).toString()));
        String aFastClock = record(Map.of("item_id", post.toString(), "interaction_type", "click",
                "occurred_at", Instant.now().plus(Duration.ofMinutes(4)).toString()));
        eventOf(aFastClock);
        assertEquals(List.of(almostAMonth, aFastClock), interactions.events(this::mine).stream()
                .map(ClientEventTimeTest::id).toList());
    }

    @Test
    void aBatchIsProducedInTheOrderItHappenedAndWeighsInTheTrendingHoursItHappened() {
        // an hour boundary between this test's clock and the service's would move "the current hour"
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().getEpochSecond() % 3600 < 3580);
        Instant now = Instant.now();
        long hour = now.getEpochSecond() / 3600;
        Instant threeHoursAgo = Instant.ofEpochSecond((hour - 3) * 3600 + 100);
        Instant anHourAgo = Instant.ofEpochSecond((hour - 1) * 3600 + 100);
        Instant threeDaysAgo = now.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
        Instant aheadOfTheServer = now.plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MILLIS);
        // as a client's queue may hold them: not in time order
        List<Map<String, Object>> batch = List.of(
                Map.of("item_id", newsletter.toString(), "interaction_type", "click"),
                Map.of("item_id", newsletter.toString(), "interaction_type", "click", "occurred_at", anHourAgo.toString()),
                Map.of("item_id", newsletter.toString(), "interaction_type", "click",
                        "occurred_at", aheadOfTheServer.toString()),
                Map.of("item_id", newsletter.toString(), "interaction_type", "view",
                        "occurred_at", threeHoursAgo.plusSeconds(60).toString()),
                Map.of("item_id", post.toString(), "interaction_type", "click", "occurred_at", threeDaysAgo.toString()),
                Map.of("item_id", newsletter.toString(), "interaction_type", "click",
                        "occurred_at", threeHoursAgo.toString()));

        List<String> ids = Pages.interact(token, batch);

        await().atMost(Duration.ofSeconds(20)).until(() -> interactions.events(this::mine).size() >= ids.size());
        List<EventEnvelope<EventPayload>> events = interactions.events(this::mine);
        assertEquals(List.of(ids.get(4), ids.get(5), ids.get(3), ids.get(1), ids.get(0), ids.get(2)),
                events.stream().map(ClientEventTimeTest::id).toList(), "produced in the order the user did things");
        Map<String, InteractionRecorded> byId = new HashMap<>();
        events.forEach(e -> byId.put(id(e), (InteractionRecorded) e.payload()));
        Instant received = byId.get(ids.get(0)).receivedAt();
        assertEquals(received, byId.get(ids.get(0)).occurredAt());
        assertEquals(threeDaysAgo, byId.get(ids.get(4)).occurredAt());
        assertEquals(aheadOfTheServer, byId.get(ids.get(2)).occurredAt(), "kept as the client said");
        assertTrue(byId.values().stream().allMatch(e -> e.receivedAt().equals(received)), "one receipt for the batch");
        assertEquals(List.of(threeHoursAgo, received), stored(ids.get(5)));

        await().atMost(Duration.ofSeconds(15)).until(() -> "4".equals(redis.value(String.class).get(RedisKeys.itemClicks(newsletter))));
        assertEquals("1", redis.value(String.class).get(RedisKeys.itemViews(newsletter)));
        assertEquals(1.0 + 0.2, weight(hour - 3, newsletter), 1e-9);
        assertEquals(1.0, weight(hour - 1, newsletter), 1e-9);
        assertEquals(2.0, weight(hour, newsletter), 1e-9, "a clock ahead of the server's trends in the hour of receipt");
        assertNull(weight(hour + 1, newsletter));
        long ttl = redis.key().ttl(RedisKeys.trendingHour(hour - 3));
        // the buckets serve the 7-day fallback window too (inbo.experience.trending.fallback-window-hours)
        assertTrue(ttl > Duration.ofHours(165).toSeconds() - 60 && ttl <= Duration.ofHours(166).toSeconds(),
                "an hour bucket lives until an hour after it leaves the 7-day fallback window: " + ttl + " s");

        // older than the 48-hour window: counted, and kept in its hour for the 7-day fallback, but not on the board
        assertEquals("1", redis.value(String.class).get(RedisKeys.itemClicks(post)));
        for (long h = hour - 72; h <= hour + 1; h++) {
            if (h == hour - 72) {
                assertEquals(1.0, weight(h, post), 1e-9, "in the hour it happened");
            } else {
                assertNull(weight(h, post), "hour " + (hour - h) + " ago");
            }
        }
        trending.refresh().await().indefinitely();
        assertTrue(redis.sortedSet(String.class).zscore(RedisKeys.trendingBoard(), newsletter.toString()).isPresent());
        assertTrue(redis.sortedSet(String.class).zscore(RedisKeys.trendingBoard(), post.toString()).isEmpty());

        // hours Redis lost are rebuilt from the stored interactions in the same hours
        redis.key().del(RedisKeys.trendingHour(hour - 3), RedisKeys.trendingHour(hour - 1));
        jobs.reconcile("test");
        assertEquals(1.0 + 0.2, weight(hour - 3, newsletter), 1e-9);
        assertEquals(1.0, weight(hour - 1, newsletter), 1e-9);
        assertEquals(1.0, weight(hour - 72, post), 1e-9, "live and rebuilt buckets agree");
    }

    /** A request without occurred_at is written as before the field existed: a retry across that deploy replays. */
    @Test
    void aRequestWithoutAClientTimeKeepsItsIdempotencyFingerprint() throws Exception {
        String json = mapper.writeValueAsString(
                new InteractionRequest(null, post, null, null, "click", null, null, null));
        assertFalse(json.contains("occurred_at"), json);
        assertTrue(json.contains("\"interaction_type\":\"click\""), json);
    }

    private String record(Map<String, Object> interaction) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(interaction)
                .when().post("/api/experience/interactions")
                .then().statusCode(202).extract().path("interaction_ids[0]");
    }

    private ValidatableResponse rejected(Map<String, Object> interaction) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(interaction)
                .when().post("/api/experience/interactions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalid_params.name", hasItem("occurred_at"));
    }

    private InteractionRecorded eventOf(String interactionId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !interactions.events(e -> interactionId.equals(id(e))).isEmpty());
        return (InteractionRecorded) interactions.events(e -> interactionId.equals(id(e))).get(0).payload();
    }

    private boolean mine(EventEnvelope<EventPayload> event) {
        return event.payload() instanceof InteractionRecorded interaction && interaction.userId().equals(user);
    }

    private static String id(EventEnvelope<EventPayload> event) {
        return ((InteractionRecorded) event.payload()).interactionId().toString();
    }

    private Double weight(long epochHour, UUID item) {
        var score = redis.sortedSet(String.class).zscore(RedisKeys.trendingHour(epochHour), item.toString());
        return score.isPresent() ? score.getAsDouble() : null;
    }

    /** The row's occurred_at and received_at. */
    private List<Instant> stored(String interactionId) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "select cast(extract(epoch from occurred_at) * 1000000 as bigint), "
                                + "cast(extract(epoch from received_at) * 1000000 as bigint) from interaction where id = :id")
                .setParameter("id", UUID.fromString(interactionId)).getSingleResult());
        return List.of(Instant.EPOCH.plus(((Number) row[0]).longValue(), ChronoUnit.MICROS),
                Instant.EPOCH.plus(((Number) row[1]).longValue(), ChronoUnit.MICROS));
    }

    private long count(String sql, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter("id", id).getSingleResult()).longValue());
    }
}
