package app.inbo.experience;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.FollowChanged;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.topics.Topics;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.experience.support.Neighbours;
import app.inbo.experience.support.Pages;
import app.inbo.testing.EventTap;
import app.inbo.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Following and unfollowing: idempotent (a change is one row update and one event, whatever the number of requests),
 * validated at the edge, and the newest posts of followed newsletters lead the home page.
 */
@QuarkusTest
class FollowsTest {

    @Inject
    CatalogRepository catalog;

    @Inject
    EntityManager em;

    private final UUID user = UUID.randomUUID();
    private final String token = TestTokens.user(user);
    private CategoryRef category;
    private UUID newsletter;
    private UUID other;

    @BeforeEach
    void catalogOfTwoNewsletters() {
        Neighbours.allUp();
        category = CatalogFixture.category("followed");
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            newsletter = fixture.newsletter("followed-letter", 400, category);
            other = fixture.newsletter("other-letter", 1);
            fixture.awaitProjected();
        }
    }

    @Test
    void followingIsIdempotentAndEachChangeIsOneEvent() {
        put("newsletters", newsletter).then().statusCode(204);
        put("newsletters", newsletter).then().statusCode(204);
        put("categories", category.id()).then().statusCode(204);

        JsonPath follows = following();
        assertEquals(List.of(newsletter.toString()), follows.getList("newsletters.id", String.class));
        assertEquals(List.of("followed-letter"), follows.getList("newsletters.name", String.class));
        assertEquals(List.of(category.id().toString()), follows.getList("categories.id", String.class),
                "a category the catalog copy knows from a live item filed under it");

        delete("newsletters", newsletter).then().statusCode(204);
        delete("newsletters", newsletter).then().statusCode(204);
        delete("newsletters", other).then().statusCode(204);
        assertEquals(List.of(), following().getList("newsletters", Object.class));
        put("newsletters", newsletter).then().statusCode(204);

        List<FollowChanged> events = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            events.clear();
            EventTap.on(Topics.FOLLOWS).events(e -> e.key().equals(user.toString())).stream()
                    .map(EventEnvelope::payload).map(FollowChanged.class::cast).forEach(events::add);
            return events.size() >= 4;
        });
        List<String> newsletterChanges = events.stream().filter(e -> e.targetId().equals(newsletter))
                .map(e -> e.following() + "@" + e.version()).toList();
        assertEquals(List.of("true@1", "false@2", "true@3"), newsletterChanges,
                "one event per change, none for a repeated request, versions growing");
        assertEquals(1, events.stream().filter(e -> e.targetKind().equals(FollowChanged.CATEGORY)).count());
        assertFalse(events.stream().anyMatch(e -> e.targetId().equals(other)), "unfollowing what was not followed sends nothing");
    }

    @Test
    void concurrentFollowsOfTheSameNewsletterChangeItOnce() {
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> put("newsletters", newsletter).statusCode()));
        }
        calls.forEach(call -> assertEquals(204, call.join()));
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select version from user_follow where user_id = ?1 and target_id = ?2")
                .setParameter(1, user).setParameter(2, newsletter).getSingleResult()).longValue()));
    }

    @Test
    void badRequestsNameTheField() {
        given().auth().oauth2(token).when().put("/api/experience/follows/authors/" + newsletter)
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalid_params[0].name", equalTo("kind"));
        given().auth().oauth2(token).when().delete("/api/experience/follows/authors/" + newsletter)
                .then().statusCode(400).body("invalid_params[0].name", equalTo("kind"));
        given().auth().oauth2(token).when().put("/api/experience/follows/newsletters/not-a-uuid")
                .then().statusCode(400).body("invalid_params[0].name", equalTo("id"));
        put("newsletters", UUID.randomUUID()).then().statusCode(400).body("invalid_params[0].name", equalTo("id"));
        put("categories", UUID.randomUUID()).then().statusCode(400).body("invalid_params[0].name", equalTo("id"));
        given().when().put("/api/experience/follows/newsletters/" + newsletter).then().statusCode(401);
    }

    @Test
    void theNewPostsOfAFollowedNewsletterLeadTheHomePage() {
        List<UUID> posts = new ArrayList<>();
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < 3; i++) {
                UUID post = UUID.randomUUID();
                posts.add(post);
                fixture.publish(new PostPublished(post, newsletter, "followed-letter", "post " + i, "about",
                        "https://inbo.app/p/" + post, now.minus(Duration.ofHours(3 - i)), List.of(category), 1));
            }
            UUID stale = UUID.randomUUID();
            fixture.publish(new PostPublished(stale, newsletter, "followed-letter", "old post", "about",
                    "https://inbo.app/p/" + stale, now.minus(Duration.ofDays(30)), List.of(category), 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> catalog.findLive(List.of(posts.get(2), stale)).size()) == 2);
        }
        assertFalse(Pages.sectionTypes(Pages.home(token)).contains("followed"), "nothing followed: no section");

        put("newsletters", newsletter).then().statusCode(204);
        JsonPath page = Pages.home(token);
        assertEquals("followed", Pages.sectionTypes(page).get(0));
        assertEquals(List.of(posts.get(2).toString(), posts.get(1).toString(), posts.get(0).toString()),
                Pages.itemIds(page, "followed"), "newest first; a post older than two weeks is left out");
        assertEquals("followed_newsletter", page.getString("sections[0].items[0].metadata.source"));

        delete("newsletters", newsletter).then().statusCode(204);
        assertFalse(Pages.sectionTypes(Pages.home(token)).contains("followed"), "unfollowing removes the section");
    }

    private io.restassured.response.Response put(String kind, UUID id) {
        return given().auth().oauth2(token).when().put("/api/experience/follows/" + kind + "/" + id);
    }

    private io.restassured.response.Response delete(String kind, UUID id) {
        return given().auth().oauth2(token).when().delete("/api/experience/follows/" + kind + "/" + id);
    }

    private JsonPath following() {
        return given().auth().oauth2(token).when().get("/api/experience/follows")
                .then().statusCode(200).extract().jsonPath();
    }
}
