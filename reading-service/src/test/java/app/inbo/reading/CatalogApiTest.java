package app.inbo.reading;

import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.topics.Topics;
import app.inbo.testing.EventTap;
import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.inbo.reading.support.CatalogFixture.ADMIN;
import static app.inbo.reading.support.CatalogFixture.category;
import static app.inbo.reading.support.CatalogFixture.newsletter;
import static app.inbo.reading.support.CatalogFixture.post;
import static app.inbo.reading.support.CatalogFixture.slugOf;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CatalogApiTest {

    private final String user = TestTokens.user(UUID.randomUUID());

    @Test
    void newslettersByCategoryArePagedInStableOrder() {
        UUID cat = category("paged");
        UUID other = category("other");
        UUID c = newsletter("Charlie", cat);
        UUID a = newsletter("Alpha", cat, other);
        UUID b = newsletter("Bravo", cat);
        newsletter("Delta elsewhere", other);
        String slug = slugOf(cat);

        given().auth().oauth2(user).get("/api/reading/newsletters?category=" + slug + "&page=0&size=2").then()
                .statusCode(200)
                .body("items.id", contains(a.toString(), b.toString()))
                .body("page", equalTo(0)).body("size", equalTo(2)).body("total", equalTo(3))
                .body("items[0].categories", hasSize(2));
        given().auth().oauth2(user).get("/api/reading/newsletters?category=" + slug + "&page=1&size=2").then()
                .statusCode(200).body("items.id", contains(c.toString()));
        given().auth().oauth2(user).get("/api/reading/newsletters?category=no-such-category").then().statusCode(404);
        given().auth().oauth2(user).get("/api/reading/newsletters?size=0").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("size"));
        given().auth().oauth2(user).get("/api/reading/newsletters?page=-1").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("page"));
    }

    @Test
    void newsletterWithCategoriesAndPostsNewestFirst() {
        UUID cat = category("single");
        UUID nl = newsletter("Single", cat);
        UUID older = post(nl, "Older", Instant.parse("2026-01-01T00:00:00Z"));
        UUID newer = post(nl, "Newer", Instant.parse("2026-02-01T00:00:00Z"));

        given().auth().oauth2(user).get("/api/reading/newsletters/" + nl).then().statusCode(200)
                .body("name", equalTo("Single"))
                .body("categories[0].id", equalTo(cat.toString()))
                .body("latest_post_at", equalTo("2026-02-01T00:00:00Z"));
        given().auth().oauth2(user).get("/api/reading/newsletters/" + nl + "/posts?size=1").then().statusCode(200)
                .body("items.id", contains(newer.toString())).body("total", equalTo(2));
        given().auth().oauth2(user).get("/api/reading/newsletters/" + nl + "/posts?page=1&size=1").then()
                .body("items.id", contains(older.toString()));
        given().auth().oauth2(user).get("/api/reading/newsletters/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(user).get("/api/reading/newsletters/nope").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("id"));
    }

    @Test
    void manyItemsByIdInOneCall() {
        UUID nl = newsletter("Lookup", category("lookup"));
        UUID p = post(nl, "Looked up", null);
        UUID missing = UUID.randomUUID();

        given().auth().oauth2(user).get("/api/reading/items?ids=" + p + "," + missing + "," + nl).then().statusCode(200)
                .body("items.id", contains(p.toString(), nl.toString()))
                .body("items[0].type", equalTo("post"))
                .body("items[0].newsletter_name", equalTo("Lookup"))
                .body("items[1].type", equalTo("newsletter"));
        given().auth().oauth2(user).get("/api/reading/items?ids=x").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("ids"));
    }

    @Test
    void postsAndNewsletterChangesEmitTheirEvents() {
        UUID cat = category("evt");
        UUID nl = newsletter("Evented letter", cat);
        UUID p = post(nl, "Fresh post", Instant.parse("2026-03-01T10:00:00Z"));
        EventTap tap = EventTap.on(Topics.CATALOG);

        await().atMost(Duration.ofSeconds(10)).until(() -> tap.events(e -> e.key().equals(nl.toString())).size() >= 2
                && tap.events(e -> e.key().equals(p.toString())).size() >= 1);
        List<EventEnvelope<EventPayload>> nlEvents = tap.events(e -> e.key().equals(nl.toString()));
        assertEquals(2, nlEvents.size(), "created, then its latest post time moved");
        NewsletterUpserted latest = (NewsletterUpserted) nlEvents.get(1).payload();
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), latest.latestPostAt());
        assertEquals(2L, latest.version());
        assertEquals(cat, latest.categories().get(0).id());
        PostPublished published = (PostPublished) tap.events(e -> e.key().equals(p.toString())).get(0).payload();
        assertEquals("Evented letter", published.newsletterName());
        assertEquals(cat, published.categories().get(0).id());

        given().auth().oauth2(ADMIN).delete("/api/reading/newsletters/" + nl).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.events(e -> e.key().equals(p.toString())).size() == 2);
        assertEquals("post.deleted", tap.events(e -> e.key().equals(p.toString())).get(1).eventType());
        assertEquals("newsletter.deleted", tap.events(e -> e.key().equals(nl.toString())).get(2).eventType());
    }

    @Test
    void badCatalogInputIs400NamingTheFieldAndWritesNothing() {
        UUID cat = category("badcat");
        String longName = "x".repeat(201);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", longName, "description", "d", "url", "https://x.org", "category_ids", List.of(cat)))
                .post("/api/reading/newsletters").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("name"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Ghost", "description", "d", "url", "https://x.org",
                        "category_ids", List.of(UUID.randomUUID())))
                .post("/api/reading/newsletters").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("category_ids"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Ghost", "description", "d", "url", "not a url", "category_ids", List.of(cat)))
                .post("/api/reading/newsletters").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("url"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"Ghost\",\"description\":\"d\",\"url\":\"https://x.org\",\"category_ids\":[\"nope\"]}")
                .post("/api/reading/newsletters").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("category_ids[0]"));
        given().auth().oauth2(user).get("/api/reading/newsletters?category=" + slugOf(cat)).then()
                .statusCode(200).body("total", equalTo(0));
    }
}
