package app.inbo.recommendation;

import app.inbo.contracts.redis.RedisKeys;
import app.inbo.recommendation.support.CatalogFixture;
import app.inbo.recommendation.support.EventFedTest;
import app.inbo.testing.TestInfra;
import app.inbo.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Serving: cold start, exclusions, diversity, the cache (hit, TTL, invalidation) and access rules. */
@QuarkusTest
class ServingTest extends EventFedTest {

    @Inject
    RedisDataSource redis;

    private CatalogFixture catalog() {
        return catalog("srv", 6, 6);
    }

    @Test
    void aUserWithoutHistoryGetsPopularAndFreshItemsFromSeveralCategories() {
        catalog();
        JsonPath list = mine(UUID.randomUUID(), 10);
        assertEquals(10, list.getList("items").size());
        assertFalse(list.getBoolean("cached"));
        assertTrue(Set.of("popular", "fresh").containsAll(list.getList("items.reason")), list.prettify());
        assertTrue(categories(list, 10).size() >= 3, list.prettify());
        List<String> first = list.getList("items[0].categories");
        assertEquals(1, first.size());
        assertTrue(list.getString("items[0].title").contains("post"));
        assertEquals("post", list.getString("items[0].type"));
    }

    @Test
    void cachedListsAreServedWithTheirTtlAndInvalidatedByTheUsersNextInteraction() {
        CatalogFixture c = catalog();
        UUID user = UUID.randomUUID();
        JsonPath first = mine(user, 10);
        assertFalse(first.getBoolean("cached"));
        JsonPath second = mine(user, 5);
        assertTrue(second.getBoolean("cached"));
        assertEquals(first.getList("items.id").subList(0, 5), second.getList("items.id"));

        String key = RedisKeys.userRecommendations(user, "top-50");
        long ttl = redis.key().pttl(key);
        assertTrue(ttl > Duration.ofMinutes(9).toMillis() && ttl <= Duration.ofMinutes(10).toMillis(), "pttl " + ttl);

        for (int i = 0; i < 3; i++) {
            feed.publish(CatalogFixture.interaction(user, c.posts(4).get(i), "click", i), "experience-service");
        }
        // invalidation moves the user's generation on: the stored list is no longer served
        String generation = RedisKeys.userRecommendationGeneration(user);
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.value(String.class).get(generation) != null
                && c.count("select count(*) from user_event where user_id = ?", user) == 3);
        JsonPath after = mine(user, 10);
        assertFalse(after.getBoolean("cached"), "invalidated by the click");
        assertEquals(List.of(c.category(4).slug()), after.getList("items[0].categories"));
        assertEquals("category_affinity", after.getString("items[0].reason"));
        assertTrue(mine(user, 10).getBoolean("cached"));
    }

    @Test
    void clicksInOneCategoryMoveItUpButTheTopTenStaysDiverse() {
        CatalogFixture c = catalog();
        UUID user = UUID.randomUUID();
        String slug = c.category(5).slug();
        long before = mine(user, 10).getList("items.categories", List.class).stream().filter(l -> l.contains(slug)).count();
        for (int i = 0; i < 4; i++) {
            feed.publish(CatalogFixture.interaction(user, c.posts(5).get(i), "click", i), "experience-service");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !mine(user, 10).getBoolean("cached"));
        JsonPath after = mine(user, 10);
        long now = after.getList("items.categories", List.class).stream().filter(l -> l.contains(slug)).count();
        assertTrue(now > before, "before " + before + ", after " + now + ": " + after.prettify());
        assertTrue(categories(after, 10).size() >= 3, after.prettify());
    }

    @Test
    void completedAndDismissedItemsAreNeverRecommended() {
        CatalogFixture c = catalog();
        UUID user = UUID.randomUUID();
        UUID completed = c.posts(0).get(0);
        UUID dismissed = c.posts(0).get(1);
        // clicks in their category first: other test classes' catalogs share this database, so a cold-start list
        // need not reach these two posts, a list of a reader of their category does
        for (int i = 2; i < 5; i++) {
            feed.publish(CatalogFixture.interaction(user, c.posts(0).get(i), "click", i), "experience-service");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> c.count("select count(*) from user_event where user_id = ?", user) == 3);
        assertTrue(ids(mine(user, 50)).containsAll(List.of(completed, dismissed)), "both are candidates at first");
        feed.publish(CatalogFixture.progress(user, completed, 100), "reading-service");
        feed.publish(CatalogFixture.interaction(user, dismissed, "dismiss", 1), "experience-service");
        await().atMost(Duration.ofSeconds(5)).until(() -> c.count("select count(*) from user_event where user_id = ?", user) == 5);
        Set<UUID> shown = ids(mine(user, 50));
        assertFalse(shown.contains(completed));
        assertFalse(shown.contains(dismissed));
        long others = c.count("select count(*) from catalog_item where not deleted") - 2;
        assertEquals(Math.min(50, others), shown.size(), "every other item of the catalog is still a candidate");
    }

    @Test
    void theExperienceServiceReadsWithAServiceTokenOnly() {
        catalog();
        UUID user = UUID.randomUUID();
        String path = "/internal/recommendations/users/" + user;
        given().when().get(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.user(user)).when().get(path).then().statusCode(403);
        given().auth().oauth2(TestTokens.service("experience-service")).queryParam("limit", 3).when().get(path)
                .then().statusCode(200).body("recommendations.items.size()", equalTo(3))
                .body("recommendations.cached", equalTo(false)).body("profile.user_id", equalTo(user.toString()));
        given().auth().oauth2(TestTokens.service("experience-service")).when().get("/internal/recommendations/users/nope")
                .then().statusCode(400).body("invalid_params.name", hasItem("user_id"));
    }

    @Test
    void badInputAndMissingRightsAreProblems() {
        UUID user = UUID.randomUUID();
        given().when().get("/api/recommendations/me").then().statusCode(401);
        given().auth().oauth2(TestTokens.user(user)).queryParam("limit", 0).when().get("/api/recommendations/me")
                .then().statusCode(400).contentType("application/problem+json").body("invalid_params.name", hasItem("limit"));
        given().auth().oauth2(TestTokens.user(user)).queryParam("limit", 51).when().get("/api/recommendations/me")
                .then().statusCode(400);
        given().auth().oauth2(TestTokens.user(user)).when().get("/api/recommendations/users/" + user + "/features")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.admin(user)).when().get("/api/recommendations/users/x/features")
                .then().statusCode(400).body("invalid_params.name", hasItem("id"));
    }

    @Test
    void withoutRedisRecommendationsAreServedUncached() {
        catalog();
        UUID user = UUID.randomUUID();
        TestInfra.cutRedis();
        try {
            // once the service itself sees Redis gone (open connections are cut too); it stays ready
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when()
                    .get("/q/health/group/dependencies").then()
                    .statusCode(503).body("checks.find { it.name == 'redis' }.status", equalTo("DOWN")));
            given().when().get("/q/health/ready").then().statusCode(200);
            JsonPath list = mine(user, 10);
            assertFalse(list.getBoolean("cached"));
            assertEquals(10, list.getList("items").size());
            assertFalse(mine(user, 10).getBoolean("cached"), "nothing could be cached");
        } finally {
            TestInfra.restoreRedis();
        }
        given().when().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString("recommendation_cache_failures_total"));
    }

    private static Set<UUID> ids(JsonPath list) {
        Set<UUID> ids = new HashSet<>();
        list.getList("items.id", String.class).forEach(id -> ids.add(UUID.fromString(id)));
        return ids;
    }

    private static Set<String> categories(JsonPath list, int top) {
        Set<String> slugs = new HashSet<>();
        List<List> all = list.getList("items.categories", List.class);
        all.subList(0, Math.min(top, all.size())).forEach(slugs::addAll);
        return slugs;
    }
}
