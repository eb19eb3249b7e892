package app.inbo.reading;

import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostUpdated;
import app.inbo.contracts.topics.Topics;
import app.inbo.testing.EventTap;
import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static app.inbo.reading.support.CatalogFixture.ADMIN;
import static app.inbo.reading.support.CatalogFixture.category;
import static app.inbo.reading.support.CatalogFixture.newsletter;
import static app.inbo.reading.support.CatalogFixture.post;
import static app.inbo.reading.support.CatalogFixture.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Writes that race each other (a client's double tap, a retry racing its original, two admins): each answers as
 * if it had run alone or is refused with a 409, never a 500, and the versions the events announce never repeat.
 */
@QuarkusTest
class ConcurrentWritesTest {

    private static final int PARALLEL = 8;
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(PARALLEL);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void parallelFirstProgressWritesOfOneUserAndItemAllSucceed() throws Exception {
        UUID p = post(newsletter("Raced", category("race")), "Raced post", null);
        for (int round = 0; round < 6; round++) {
            String token = TestTokens.user(UUID.randomUUID());
            List<Integer> statuses = race(i -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("progress", 10 + i)).put("/api/reading/progress/post/" + p));
            assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200), statuses, "round " + round);
            given().auth().oauth2(token).get("/api/reading/continue").then().statusCode(200)
                    .body("items.size()", org.hamcrest.Matchers.equalTo(1));
        }
    }

    @Test
    void parallelUpdatesOfOneNewsletterTakeTurnsAndAnnounceDistinctVersions() throws Exception {
        UUID category = category("turns");
        UUID n = newsletter("Turns", category);
        UUID p = post(n, "Its post", null);
        EventTap tap = EventTap.on(Topics.CATALOG);

        List<Integer> statuses = race(i -> given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Turns " + i, "description", "d", "url", "https://example.org/turns",
                        "category_ids", List.of(category)))
                .put("/api/reading/newsletters/" + n));
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200), statuses);

        // created (1), the post raised it (2), then 8 updates: versions 3..10, each once, and each post version once
        await().atMost(Duration.ofSeconds(15)).until(() -> tap.events(e -> e.key().equals(n.toString())).size() == 10);
        Set<Long> versions = new HashSet<>();
        for (EventEnvelope<EventPayload> e : tap.events(e -> e.key().equals(n.toString()))) {
            versions.add(((NewsletterUpserted) e.payload()).version());
        }
        assertEquals(10, versions.size(), "distinct newsletter versions: " + versions);
        await().atMost(Duration.ofSeconds(15)).until(() -> tap.events(e -> e.key().equals(p.toString())).size() == 9);
        Set<Long> postVersions = new HashSet<>();
        for (EventEnvelope<EventPayload> e : tap.events(e -> e.key().equals(p.toString()))) {
            if (e.payload() instanceof PostUpdated u) {
                postVersions.add(u.version());
            }
        }
        assertEquals(8, postVersions.size(), "distinct post versions: " + postVersions);
        // the last announcement carries what the database holds
        String stored = given().auth().oauth2(ADMIN).get("/api/reading/newsletters/" + n).then().statusCode(200)
                .extract().path("name");
        List<EventEnvelope<EventPayload>> events = tap.events(e -> e.key().equals(n.toString()));
        NewsletterUpserted newest = events.stream().map(e -> (NewsletterUpserted) e.payload())
                .max(java.util.Comparator.comparingLong(NewsletterUpserted::version)).orElseThrow();
        assertEquals(stored, newest.name());
    }

    @Test
    void parallelCreatesOfOneSlugCreateOneAndRefuseTheOthersWith409() throws Exception {
        String slug = unique("same");
        List<Response> responses = new ArrayList<>();
        List<Integer> statuses = race(i -> {
            Response r = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("slug", slug, "name", "Same " + i)).post("/api/reading/categories");
            synchronized (responses) {
                responses.add(r);
            }
            return r;
        });
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(PARALLEL - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        responses.stream().filter(r -> r.statusCode() == 409)
                .forEach(r -> assertEquals("application/problem+json", r.contentType()));
    }

    @Test
    void aNewsletterCreateRetriedWithItsIdempotencyKeyCreatesOneNewsletter() throws Exception {
        UUID category = category("idem");
        String key = UUID.randomUUID().toString();
        String name = unique("Once");
        Map<String, Object> body = Map.of("name", name, "description", "d", "url", "https://example.org/once",
                "category_ids", List.of(category));
        List<String> ids = new ArrayList<>();
        List<Integer> statuses = race(i -> {
            Response r = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(body).post("/api/reading/newsletters");
            synchronized (ids) {
                ids.add(r.path("id"));
            }
            return r;
        });
        assertEquals(List.of(201, 201, 201, 201, 201, 201, 201, 201), statuses);
        assertEquals(1, ids.stream().distinct().count(), ids.toString());
        assertEquals(1, given().auth().oauth2(ADMIN).queryParam("size", 100)
                .get("/api/reading/newsletters").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.name == '" + name + "' }").size());
        String post = unique("post");
        Map<String, Object> postBody = Map.of("title", post, "summary", "s", "url", "https://example.org/" + post);
        String postKey = UUID.randomUUID().toString();
        String first = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", postKey)
                .body(postBody).post("/api/reading/newsletters/" + ids.get(0) + "/posts").then().statusCode(201)
                .extract().path("id");
        String retried = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", postKey)
                .body(postBody).post("/api/reading/newsletters/" + ids.get(0) + "/posts").then().statusCode(201)
                .extract().path("id");
        assertEquals(first, retried);
        given().auth().oauth2(ADMIN).get("/api/reading/newsletters/" + ids.get(0) + "/posts").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(1));
    }

    /** Runs the request {@value #PARALLEL} times at once; the statuses in request order. */
    private static List<Integer> race(IntFunction<Response> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                start.await();
                return request.apply(index).statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : futures) {
            statuses.add(f.get());
        }
        return statuses;
    }
}
