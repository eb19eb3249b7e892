package app.inbo.recommendation.support;

import app.inbo.testing.EventFeed;
import app.inbo.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * A test that drives the service through its topics: a feed of events for the test class, and one small catalog
 * per class, published on first use and projected before it is returned.
 */
public abstract class EventFedTest {

    protected static EventFeed feed;
    private static CatalogFixture catalog;

    @Inject
    protected AgroalDataSource db;

    @BeforeAll
    protected static void openFeed() {
        feed = EventFeed.open();
        catalog = null;
    }

    @AfterAll
    protected static void closeFeed() {
        feed.close();
    }

    /** This class's catalog: {@code categories} categories of {@code postsEach} posts, names starting with prefix. */
    protected CatalogFixture catalog(String prefix, int categories, int postsEach) {
        if (catalog == null) {
            catalog = CatalogFixture.publish(feed, db, prefix, categories, postsEach);
        }
        return catalog;
    }

    /** The user's recommendations, as the user asks for them. */
    protected static JsonPath mine(UUID user, int limit) {
        return given().auth().oauth2(TestTokens.user(user)).queryParam("limit", limit)
                .when().get("/api/recommendations/me").then().statusCode(200).extract().jsonPath();
    }
}
