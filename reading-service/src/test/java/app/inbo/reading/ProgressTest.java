package app.inbo.reading;

import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.ReadingProgressRecorded;
import app.inbo.contracts.topics.Topics;
import app.inbo.testing.EventTap;
import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.inbo.reading.support.CatalogFixture.category;
import static app.inbo.reading.support.CatalogFixture.newsletter;
import static app.inbo.reading.support.CatalogFixture.post;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ProgressTest {

    private final UUID user = UUID.randomUUID();
    private final String token = TestTokens.user(user);

    @Test
    void progressCompletesAtTheThresholdAndStaysCompleted() {
        UUID p = post(newsletter("Thresholds", category("thr")), "Long read", null);

        put("post", p, Map.of("progress", 94)).statusCode(200).body("completed", equalTo(false)).body("progress", equalTo(94));
        put("post", p, Map.of("progress", 95)).statusCode(200).body("completed", equalTo(true));
        put("post", p, Map.of("progress", 20)).statusCode(200).body("completed", equalTo(true)).body("progress", equalTo(20));
        continueIds().body("items", hasSize(0));

        put("post", p, Map.of("progress", 20, "completed", false)).statusCode(200).body("completed", equalTo(false));
        continueIds().body("items[0].id", equalTo(p.toString()));

        put("post", p, Map.of("progress", 10, "completed", true)).statusCode(200).body("completed", equalTo(true));
        continueIds().body("items", hasSize(0));
    }

    @Test
    void eachChangeEmitsOneEventKeyedByUser() {
        UUID p = post(newsletter("Events", category("ev")), "Evented", null);
        put("post", p, Map.of("progress", 10)).statusCode(200);
        put("post", p, Map.of("progress", 100)).statusCode(200);

        EventTap tap = EventTap.on(Topics.READING_PROGRESS);
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.events(e -> e.key().equals(user.toString())).size() >= 2);
        List<EventEnvelope<EventPayload>> events = tap.events(e -> e.key().equals(user.toString()));
        assertEquals(2, events.size());
        ReadingProgressRecorded last = (ReadingProgressRecorded) events.get(1).payload();
        assertEquals(p, last.itemId());
        assertEquals(100, last.progress());
        assertEquals(true, last.completed());
        assertEquals(user, last.userId());
    }

    @Test
    void badInputIs400NamingTheFieldAndWritesNothing() {
        UUID p = post(newsletter("Bad input", category("bad")), "Target", null);
        put("post", p, Map.of("progress", 101)).statusCode(400).body("invalid_params[0].name", equalTo("progress"));
        put("post", p, Map.of("progress", -1)).statusCode(400).body("invalid_params[0].name", equalTo("progress"));
        put("post", p, Map.of("completed", true)).statusCode(400).body("invalid_params[0].name", equalTo("progress"));
        put("podcast", p, Map.of("progress", 5)).statusCode(400).body("invalid_params[0].name", equalTo("item_type"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("progress", 5))
                .put("/api/reading/progress/post/12345").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("item_id"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"progress\": \"lots\"}")
                .put("/api/reading/progress/post/" + p).then().statusCode(400)
                .body("invalid_params[0].name", equalTo("progress"));
        put("post", UUID.randomUUID(), Map.of("progress", 5)).statusCode(404).contentType("application/problem+json");
        put("newsletter", p, Map.of("progress", 5)).statusCode(404);
        continueIds().body("items", hasSize(0));
    }

    @Test
    void userComesFromTheTokenOnly() {
        UUID p = post(newsletter("Identity", category("id")), "Mine", null);
        UUID other = UUID.randomUUID();
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("progress", 30, "user_id", other.toString()))
                .put("/api/reading/progress/post/" + p).then().statusCode(200);
        continueIds().body("items[0].id", equalTo(p.toString()));
        given().auth().oauth2(TestTokens.user(other)).get("/api/reading/continue").then().statusCode(200)
                .body("items", hasSize(0));
    }

    private io.restassured.response.ValidatableResponse put(String type, UUID item, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .put("/api/reading/progress/" + type + "/" + item).then();
    }

    private io.restassured.response.ValidatableResponse continueIds() {
        return given().auth().oauth2(token).get("/api/reading/continue?limit=10").then().statusCode(200);
    }
}
