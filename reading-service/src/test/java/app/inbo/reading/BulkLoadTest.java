package app.inbo.reading;

import app.inbo.contracts.topics.Topics;
import app.inbo.reading.support.CatalogFixture;
import app.inbo.testing.EventTap;
import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.inbo.reading.support.CatalogFixture.ADMIN;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class BulkLoadTest {

    @Test
    void bulkLoadIsAllOrNothingAndAnnouncesEveryRow() {
        UUID category = UUID.randomUUID();
        UUID newsletter = UUID.randomUUID();
        UUID post = UUID.randomUUID();
        UUID postless = UUID.randomUUID();
        // text an array literal must quote and escape, and one that spells its null
        String title = "Bulk \"post\", {1} \\ 2";
        Map<String, Object> body = Map.of(
                "categories", List.of(Map.of("id", category, "slug", CatalogFixture.unique("bulk"), "name", "Bulk")),
                "newsletters", List.of(Map.of("id", newsletter, "name", "Bulk letter", "description", "d",
                        "url", "https://bulk.example", "category_ids", List.of(category),
                        "created_at", "2026-01-01T00:00:00Z",
                        "posts", List.of(Map.of("id", post, "title", title, "summary", "NULL",
                                "url", "https://bulk.example/1", "published_at", "2026-02-01T00:00:00Z"))),
                        Map.of("id", postless, "name", "Bulk letter without posts", "description", "",
                                "url", "https://bulk.example/none", "category_ids", List.of(category, category),
                                "created_at", "2026-01-01T00:00:00Z", "posts", List.of())));

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .post("/api/reading/admin/bulk").then().statusCode(201)
                .body("categories", equalTo(1)).body("newsletters", equalTo(2)).body("posts", equalTo(1));
        String reader = TestTokens.user(UUID.randomUUID());
        given().auth().oauth2(reader).get("/api/reading/newsletters/" + newsletter)
                .then().statusCode(200).body("latest_post_at", equalTo("2026-02-01T00:00:00Z"));
        given().auth().oauth2(reader).get("/api/reading/posts/" + post)
                .then().statusCode(200).body("title", equalTo(title)).body("summary", equalTo("NULL"));
        given().auth().oauth2(reader).get("/api/reading/newsletters/" + postless)
                .then().statusCode(200).body("latest_post_at", nullValue()).body("description", equalTo(""))
                .body("categories", hasSize(1));

        EventTap tap = EventTap.on(Topics.CATALOG);
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.events(e -> List.of(category.toString(),
                newsletter.toString(), post.toString()).contains(e.key())).size() == 3);

        UUID freshNewsletter = UUID.randomUUID();
        Map<String, Object> clash = Map.of("categories", List.of(),
                "newsletters", List.of(Map.of("id", freshNewsletter, "name", "Clash", "description", "d",
                        "url", "https://clash.example", "category_ids", List.of(category),
                        "created_at", "2026-01-01T00:00:00Z",
                        "posts", List.of(Map.of("id", post, "title", "Same id", "summary", "s",
                                "url", "https://clash.example/1", "published_at", "2026-02-01T00:00:00Z")))));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(clash)
                .post("/api/reading/admin/bulk").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).get("/api/reading/newsletters/" + freshNewsletter).then().statusCode(404);

        given().auth().oauth2(ADMIN).post("/api/reading/admin/demo?newsletters=5&posts=20").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("not empty"));
    }

    @Test
    void bulkAndDemoNeedAdmin() {
        given().auth().oauth2(TestTokens.user(UUID.randomUUID())).post("/api/reading/admin/demo").then().statusCode(403);
        given().auth().oauth2(ADMIN).post("/api/reading/admin/demo?posts=-5").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("posts"));
    }
}
