package app.inbo.experience;

import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.redis.RedisKeys;
import app.inbo.contracts.topics.Topics;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.experience.support.Neighbours;
import app.inbo.testing.EventTap;
import app.inbo.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A client retries an interaction post with the same Idempotency-Key (its connection dropped before the answer,
 * or it double-tapped): the retry records nothing twice — no row, no event, no counter increment — and answers as
 * the first did.
 */
@QuarkusTest
class IdempotentInteractionsTest {

    @Inject
    CatalogRepository catalog;

    @Inject
    EntityManager em;

    @Inject
    RedisDataSource redis;

    private final EventTap events = EventTap.on(Topics.INTERACTIONS);
    private final UUID user = UUID.randomUUID();
    private final String token = TestTokens.user(user);
    private UUID post;

    @BeforeEach
    void anItem() {
        Neighbours.allUp();
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            UUID newsletter = fixture.newsletter("idempotent", 1, CatalogFixture.category("idem"));
            post = UUID.randomUUID();
            fixture.publish(new PostPublished(post, newsletter, "idempotent", "A post", "summary",
                    "https://inbo.app/p/idem", Instant.now(), List.of(), 1));
            fixture.awaitProjected();
            await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> catalog.typesOf(List.of(post)).containsKey(post)));
        }
    }

    @Test
    void aRetryWithTheSameKeyRecordsNothingTwiceAndAnswersTheSame() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> click = Map.of("item_id", post.toString(), "interaction_type", "click");
        Response first = post(key, click);
        first.then().statusCode(202);
        assertNull(first.header("Idempotent-Replayed"));
        Response retry = post(key, click);
        retry.then().statusCode(202).header("Idempotent-Replayed", "true");
        assertEquals(first.jsonPath().getList("interaction_ids"), retry.jsonPath().getList("interaction_ids"));

        assertEquals(1, rows());
        String id = first.jsonPath().getString("interaction_ids[0]");
        await().atMost(Duration.ofSeconds(20)).until(() -> "1".equals(clicks()));
        // another request (no key) after both: had the retry counted, the counter would be 3 now
        post(null, click).then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "2".equals(clicks()));
        await().atMost(Duration.ofSeconds(20)).until(() -> events.events(e ->
                ((InteractionRecorded) e.payload()).userId().equals(user)).size() >= 2);
        assertEquals(1, events.events(e -> ((InteractionRecorded) e.payload()).interactionId().toString().equals(id)).size());
        assertEquals(2, rows());
    }

    @Test
    void theSameKeyForADifferentRequestIsRefusedAndRecordsNothing() {
        String key = UUID.randomUUID().toString();
        post(key, Map.of("item_id", post.toString(), "interaction_type", "click")).then().statusCode(202);
        post(key, Map.of("item_id", post.toString(), "interaction_type", "dismiss")).then().statusCode(422)
                .contentType("application/problem+json");
        assertEquals(1, rows());
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "has spaces in it")
                .body(Map.of("item_id", post.toString(), "interaction_type", "click"))
                .post("/api/experience/interactions").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("Idempotency-Key"));
    }

    @Test
    void retriesRacingTheFirstAttemptAllGetItsAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> batch = Map.of("interactions", List.of(
                Map.of("item_id", post.toString(), "interaction_type", "view"),
                Map.of("item_id", post.toString(), "interaction_type", "click")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> racing = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racing.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                            .body(batch).post("/api/experience/interactions/batch");
                }));
            }
            start.countDown();
            List<Object> answers = new ArrayList<>();
            for (Future<Response> f : racing) {
                Response r = f.get();
                assertEquals(202, r.statusCode(), r.asString());
                answers.add(r.jsonPath().getList("interaction_ids"));
            }
            assertEquals(1, answers.stream().distinct().count(), answers.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, rows());
    }

    private Response post(String key, Map<String, Object> body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/experience/interactions");
    }

    private long rows() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from interaction where user_id = :user").setParameter("user", user).getSingleResult()).longValue());
    }

    private String clicks() {
        return redis.value(String.class).get(RedisKeys.itemClicks(post));
    }
}
