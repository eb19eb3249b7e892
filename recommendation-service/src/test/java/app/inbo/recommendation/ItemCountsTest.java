package app.inbo.recommendation;

import app.inbo.recommendation.support.CatalogFixture;
import app.inbo.testing.EventFeed;
import app.inbo.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The item features' counts, read by the experience service's counter reconciliation (service token only). */
@QuarkusTest
class ItemCountsTest {

    @Inject
    AgroalDataSource db;

    @Test
    void countsPerItemInKeysetPagesForServicesOnly() {
        List<UUID> posts;
        try (EventFeed feed = EventFeed.open()) {
            CatalogFixture catalog = CatalogFixture.publish(feed, db, "counts", 1, 2);
            posts = catalog.posts(0);
            UUID user = UUID.randomUUID();
            feed.publish(CatalogFixture.interaction(user, posts.get(0), "click", 0), "experience-service");
            feed.publish(CatalogFixture.interaction(user, posts.get(0), "click", 0), "experience-service");
            feed.publish(CatalogFixture.interaction(user, posts.get(0), "view", 0), "experience-service");
            feed.publish(CatalogFixture.interaction(user, posts.get(1), "open", 1), "experience-service");
            feed.publish(CatalogFixture.interaction(user, posts.get(1), "dismiss", 1), "experience-service");
            await().atMost(Duration.ofSeconds(15)).until(() -> catalog.count(
                    "select count(*) from user_event where user_id = ?", user) == 5);
        }
        String service = TestTokens.service("experience-service");

        JsonPath all = given().auth().oauth2(service).queryParam("limit", 10000)
                .when().get("/internal/recommendations/item-counts").then().statusCode(200).extract().jsonPath();
        assertNull(all.get("next_after"), "one page holds everything");
        assertEquals(List.of(1, 2, 0, 0), counts(all, posts.get(0)));
        assertEquals(List.of(0, 0, 1, 1), counts(all, posts.get(1)));

        List<String> paged = new java.util.ArrayList<>();
        String after = null;
        do {
            var request = given().auth().oauth2(service).queryParam("limit", 1);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.when().get("/internal/recommendations/item-counts").then().statusCode(200)
                    .extract().jsonPath();
            assertTrue(page.getList("items").size() <= 1);
            paged.addAll(page.getList("items.item_id"));
            after = page.getString("next_after");
        } while (after != null);
        assertEquals(all.getList("items.item_id"), paged, "pages of one, in order, none lost or repeated");

        given().when().get("/internal/recommendations/item-counts").then().statusCode(401);
        given().auth().oauth2(TestTokens.user(UUID.randomUUID())).when().get("/internal/recommendations/item-counts")
                .then().statusCode(403);
        given().auth().oauth2(service).queryParam("after", "not-a-uuid").when()
                .get("/internal/recommendations/item-counts").then().statusCode(400);
    }

    private static List<Integer> counts(JsonPath page, UUID item) {
        String at = "items.find { it.item_id == '" + item + "' }.";
        return List.of(page.getInt(at + "views"), page.getInt(at + "clicks"), page.getInt(at + "opens"),
                page.getInt(at + "dismisses"));
    }
}
