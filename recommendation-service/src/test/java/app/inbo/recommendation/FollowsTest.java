package app.inbo.recommendation;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.FollowChanged;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.recommendation.support.CatalogFixture;
import app.inbo.recommendation.support.EventFedTest;
import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Follows from experience.follow.changed: a followed category (or a followed newsletter's categories) counts toward
 * the user's affinity from the next request, the cached list is dropped, unfollowing undoes it, and a late or
 * repeated event changes nothing.
 */
@QuarkusTest
class FollowsTest extends EventFedTest {

    private CatalogFixture catalog() {
        return catalog("follow", 5, 4);
    }

    @Test
    void aFollowedCategoryLeadsTheRecommendationsOfANewUserUntilUnfollowed() {
        CatalogFixture c = catalog();
        CatalogFixture.Category followed = c.category(4);
        UUID user = UUID.randomUUID();
        assertFalse(mine(user).getBoolean("cached"));
        assertTrue(mine(user).getBoolean("cached"));
        assertEquals(Map.of(), preferred(user), "a new user has no preferences");

        follow(user, FollowChanged.CATEGORY, followed.id(), true, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> preferred(user).containsKey(followed.slug()));
        assertEquals(Map.of(followed.slug(), 3.0f), preferred(user), "the follow weight, from the first request");
        // the cold-start list cached before is no longer served (the invalidation runs just after the commit)
        await().atMost(Duration.ofSeconds(5)).until(() -> "category_affinity".equals(mine(user).getString("items[0].reason")));
        assertEquals(List.of(followed.slug()), mine(user).getList("items[0].categories"));

        // a repeated delivery and an older event change nothing
        EventEnvelope<FollowChanged> unfollow = follow(user, FollowChanged.CATEGORY, followed.id(), false, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> preferred(user).isEmpty());
        feed.publish(unfollow);
        follow(user, FollowChanged.CATEGORY, followed.id(), true, 1);
        UUID marker = UUID.randomUUID();
        follow(user, FollowChanged.CATEGORY, marker, true, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> c.count(
                "select count(*) from user_follow where user_id = ? and target_id = ?", user, marker) == 1);
        assertEquals(Map.of(), preferred(user), "unfollowed stays unfollowed");
        assertEquals(1, c.count("select count(*) from user_follow where user_id = ? and target_id = ? "
                + "and not following and version = 2", user, followed.id()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !"category_affinity".equals(mine(user).getString("items[0].reason")));
        assertTrue(List.of("popular", "fresh").containsAll(mine(user).getList("items.reason")), "back to the cold start");
    }

    @Test
    void aFollowedNewsletterCountsTowardItsCategoriesOnTopOfWhatTheUserDid() {
        CatalogFixture c = catalog();
        CatalogFixture.Category science = c.category(1);
        CatalogFixture.Category clicked = c.category(2);
        UUID newsletter = UUID.randomUUID();
        feed.publish(new NewsletterUpserted(newsletter, "Science letter", "description", "https://example.org/science",
                List.of(new CategoryRef(science.id(), science.slug(), "Category"),
                        new CategoryRef(clicked.id(), clicked.slug(), "Category")),
                Instant.now(), Instant.now(), Instant.now(), 1), "reading-service");
        UUID user = UUID.randomUUID();
        feed.publish(CatalogFixture.interaction(user, c.posts(2).get(0), "click", 0), "experience-service");
        await().atMost(Duration.ofSeconds(10)).until(() -> c.count(
                "select count(*) from catalog_item_category where item_id = ?", newsletter) == 2
                && preferred(user).containsKey(clicked.slug()));
        float learnt = preferred(user).get(clicked.slug());

        follow(user, FollowChanged.NEWSLETTER, newsletter, true, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> preferred(user).containsKey(science.slug()));
        Map<String, Float> withFollow = preferred(user);
        assertEquals(3.0f, withFollow.get(science.slug()), 0.001f);
        assertEquals(learnt + 3.0f, withFollow.get(clicked.slug()), 0.001f, "the follow adds to the learnt affinity");

        follow(user, FollowChanged.NEWSLETTER, newsletter, false, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> !preferred(user).containsKey(science.slug()));
        assertEquals(learnt, preferred(user).get(clicked.slug()), 0.001f);
    }

    private EventEnvelope<FollowChanged> follow(UUID user, String kind, UUID target, boolean following, long version) {
        return feed.publish(new FollowChanged(user, kind, target, following, version, Instant.now()), "experience-service");
    }

    /** The user's preferred categories by slug, as the experience service reads them with the recommendations. */
    private static Map<String, Float> preferred(UUID user) {
        JsonPath answer = given().auth().oauth2(TestTokens.service("experience-service")).queryParam("limit", 1)
                .when().get("/internal/recommendations/users/" + user).then().statusCode(200).extract().jsonPath();
        Map<String, Float> weights = new java.util.HashMap<>();
        List<String> slugs = answer.getList("profile.preferred_categories.slug", String.class);
        List<Float> values = answer.getList("profile.preferred_categories.weight", Float.class);
        for (int i = 0; i < slugs.size(); i++) {
            weights.put(slugs.get(i), values.get(i));
        }
        return weights;
    }

    private static JsonPath mine(UUID user) {
        return given().auth().oauth2(TestTokens.user(user)).queryParam("limit", 10)
                .when().get("/api/recommendations/me").then().statusCode(200).extract().jsonPath();
    }
}
