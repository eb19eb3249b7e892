package app.inbo.experience;

import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.topics.Topics;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.experience.support.Neighbours;
import app.inbo.testing.EventTap;
import app.inbo.testing.ReadinessContract;
import app.inbo.testing.TestInfra;
import app.inbo.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class ReadinessTest extends ReadinessContract {

    @Inject
    CatalogRepository catalog;

    @Override
    protected ValidatableResponse callApi() {
        Neighbours.allUp();
        return given().auth().oauth2(TestTokens.user(UUID.randomUUID())).when().get("/api/experience/home?page=home")
                .then();
    }

    /** The broker away: the pod stays ready, interactions are accepted (their events wait in the outbox) and arrive. */
    @Test
    void interactionsAreAcceptedWhileKafkaIsAwayAndDeliveredAfter() throws Exception {
        Assumptions.assumeTrue(TestInfra.ownsKafka(), "needs the broker the tests started");
        Neighbours.allUp();
        UUID post = UUID.randomUUID();
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            UUID newsletter = fixture.newsletter("while-kafka-is-away", 1);
            fixture.publish(new PostPublished(post, newsletter, "while-kafka-is-away", "A post", "summary",
                    "https://inbo.app/p/away", Instant.now(), List.of(), 1));
            fixture.awaitProjected();
            await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> catalog.typesOf(List.of(post)).containsKey(post)));
        }
        UUID user = UUID.randomUUID();
        String id;
        TestInfra.stopKafka();
        try {
            given().when().get("/q/health/ready").then().statusCode(200);
            id = given().auth().oauth2(TestTokens.user(user)).contentType(ContentType.JSON)
                    .body(Map.of("item_id", post.toString(), "interaction_type", "click"))
                    .when().post("/api/experience/interactions").then().statusCode(202)
                    .extract().path("interaction_ids[0]");
        } finally {
            TestInfra.startKafka();
        }
        EventTap events = EventTap.on(Topics.INTERACTIONS);
        await().atMost(Duration.ofSeconds(60)).until(() -> events.events(e ->
                ((InteractionRecorded) e.payload()).interactionId().toString().equals(id)).size() == 1);
    }
}
