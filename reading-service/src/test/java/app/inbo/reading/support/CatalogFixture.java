package app.inbo.reading.support;

import app.inbo.testing.TestTokens;
import io.restassured.http.ContentType;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Builds catalog data through the real API, as an admin would, and records a user's reading progress. */
public final class CatalogFixture {

    public static final String ADMIN = TestTokens.admin(UUID.randomUUID());

    private CatalogFixture() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    public static UUID category(String prefix) {
        return id(given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("slug", unique(prefix), "name", prefix))
                .post("/api/reading/categories").then().statusCode(201).extract().path("id"));
    }

    public static String slugOf(UUID categoryId) {
        return given().auth().oauth2(ADMIN).get("/api/reading/categories").then().statusCode(200).extract()
                .path("find { it.id == '" + categoryId + "' }.slug");
    }

    public static UUID newsletter(String name, UUID... categories) {
        return id(given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", name, "description", "About " + name, "url", "https://example.org/" + unique("n"),
                        "category_ids", List.of(categories)))
                .post("/api/reading/newsletters").then().statusCode(201).extract().path("id"));
    }

    public static UUID post(UUID newsletter, String title, Instant publishedAt) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "summary", "Summary of " + title,
                "url", "https://example.org/" + unique("p")));
        if (publishedAt != null) {
            body.put("published_at", publishedAt.toString());
        }
        return id(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .post("/api/reading/newsletters/" + newsletter + "/posts").then().statusCode(201).extract().path("id"));
    }

    public static void progress(String userToken, String type, UUID item, int percent) {
        given().auth().oauth2(userToken).contentType(ContentType.JSON).body(Map.of("progress", percent))
                .put("/api/reading/progress/" + type + "/" + item).then().statusCode(200);
    }

    private static UUID id(String value) {
        return UUID.fromString(value);
    }
}
