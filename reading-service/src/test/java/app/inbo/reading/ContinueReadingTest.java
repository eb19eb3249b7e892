package app.inbo.reading;

import app.inbo.contracts.api.ContinueReadingItem;
import app.inbo.reading.service.ContinueReadingQuery;
import app.inbo.testing.DriverStatements;
import app.inbo.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static app.inbo.reading.support.CatalogFixture.ADMIN;
import static app.inbo.reading.support.CatalogFixture.category;
import static app.inbo.reading.support.CatalogFixture.newsletter;
import static app.inbo.reading.support.CatalogFixture.post;
import static app.inbo.reading.support.CatalogFixture.progress;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ContinueReadingTest {

    @Inject
    ContinueReadingQuery query;

    @Test
    void unfinishedItemsMostRecentFirstWithTheirDetails() {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        UUID tech = category("tech");
        UUID nl = newsletter("Byte Brief", tech);
        UUID first = post(nl, "First read", Instant.parse("2026-10-01T08:00:00Z"));
        UUID second = post(nl, "Second read", Instant.parse("2026-10-02T08:00:00Z"));
        UUID finished = post(nl, "Finished", Instant.parse("2026-10-03T08:00:00Z"));
        progress(token, "post", first, 30);
        progress(token, "newsletter", nl, 10);
        progress(token, "post", finished, 96);
        progress(token, "post", second, 50);

        given().auth().oauth2(token).get("/api/reading/continue?limit=10").then().statusCode(200)
                .body("items.id", contains(second.toString(), nl.toString(), first.toString()))
                .body("items[0].type", equalTo("post"))
                .body("items[0].title", equalTo("Second read"))
                .body("items[0].description", equalTo("Summary of Second read"))
                .body("items[0].progress", equalTo(50))
                .body("items[0].newsletter_name", equalTo("Byte Brief"))
                .body("items[0].last_read_at", org.hamcrest.Matchers.notNullValue())
                .body("items[1].type", equalTo("newsletter"))
                .body("items[1].title", equalTo("Byte Brief"));

        given().auth().oauth2(token).get("/api/reading/continue?limit=2").then().statusCode(200)
                .body("items.id", contains(second.toString(), nl.toString()));
    }

    @Test
    void deletedItemsAreSkippedNotErrors() {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        UUID nl = newsletter("Soon gone", category("gone"));
        UUID kept = post(nl, "Kept", null);
        UUID removed = post(nl, "Removed", null);
        UUID otherNl = newsletter("Also gone", category("gone2"));
        progress(token, "post", kept, 20);
        progress(token, "post", removed, 20);
        progress(token, "newsletter", otherNl, 20);

        given().auth().oauth2(ADMIN).delete("/api/reading/posts/" + removed).then().statusCode(204);
        given().auth().oauth2(ADMIN).delete("/api/reading/newsletters/" + otherNl).then().statusCode(204);

        given().auth().oauth2(token).get("/api/reading/continue?limit=10").then().statusCode(200)
                .body("items.id", contains(kept.toString()));
    }

    @Test
    void statementCountDoesNotGrowWithTheLimit() {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        UUID nl = newsletter("Many posts", category("many"));
        List<UUID> posts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            posts.add(post(nl, "Post " + i, null));
        }
        for (UUID p : posts) {
            progress(token, "post", p, 40);
        }
        progress(token, "newsletter", nl, 40);

        // one transaction keeps one connection: the driver looks up the metadata of a result's columns once per
        // connection (here on the first run), which is no cost of the read
        DriverStatements.Counted<List<ContinueReadingItem>> few;
        DriverStatements.Counted<List<ContinueReadingItem>> many;
        QuarkusTransaction.begin();
        try {
            query.unfinished(user, 1);
            few = DriverStatements.count(() -> query.unfinished(user, 2));
            many = DriverStatements.count(() -> query.unfinished(user, 31));
        } finally {
            QuarkusTransaction.rollback();
        }

        assertEquals(2, few.result().size());
        assertEquals(31, many.result().size());
        assertEquals(few.statements(), many.statements(), "statements must not grow with the number of items");
        assertEquals(1, many.statements());
    }

    @Test
    void limitOutsideRangeIs400NamingIt() {
        String token = TestTokens.user(UUID.randomUUID());
        given().auth().oauth2(token).get("/api/reading/continue?limit=0").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("limit"));
        given().auth().oauth2(token).get("/api/reading/continue?limit=1000").then().statusCode(400)
                .body("invalid_params[0].name", equalTo("limit"));
        given().auth().oauth2(token).get("/api/reading/continue").then().statusCode(200).body("items", hasSize(0));
    }
}
