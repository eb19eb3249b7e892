package app.inbo.search;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.search.support.CatalogFixture;
import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An admin rebuilds the index from the catalog topic: lost documents come back, deletes stay, strays go. */
@QuarkusTest
class RebuildTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource db;

    private final String admin = TestTokens.admin(UUID.randomUUID());

    @Test
    void theIndexIsRebuiltFromTheTopic() {
        CategoryRef tech = CatalogFixture.category(CatalogFixture.uniqueSlug("tech"), "Technology");
        UUID newsletter = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        UUID stray = UUID.randomUUID();
        try (CatalogFixture catalog = new CatalogFixture(db)) {
            catalog.publish(CatalogFixture.newsletter(newsletter, "Rebuild Weekly", "x", List.of(tech), 1));
            catalog.publish(CatalogFixture.post(kept, newsletter, "Kept post", "x", List.of(tech)));
            catalog.publish(CatalogFixture.post(deleted, newsletter, "Deleted post", "x", List.of(tech)));
            catalog.publish(CatalogFixture.postDeleted(deleted, newsletter, 2));
            await().atMost(WAIT).until(() -> catalog.indexedAt(kept, 1) && catalog.deletedAt(deleted, 2));

            // the index loses documents and gains one no event ever announced
            catalog.execute("delete from search_document where id in ('" + newsletter + "', '" + kept + "')");
            catalog.execute("insert into search_document (id, type, newsletter_id, title, version, indexed_at) values ('"
                    + stray + "', 'post', '" + newsletter + "', 'Stray', 1, now())");

            given().auth().oauth2(TestTokens.user(UUID.randomUUID())).when().post("/api/search/admin/index/rebuild")
                    .then().statusCode(403);
            given().auth().oauth2(admin).when().post("/api/search/admin/index/rebuild")
                    .then().statusCode(202).body("state", equalTo("running"));
            await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(admin)
                    .when().get("/api/search/admin/index/rebuild").then().statusCode(200).body("state", equalTo("done")));

            assertTrue(catalog.indexedAt(newsletter, 1));
            assertTrue(catalog.indexedAt(kept, 1));
            assertTrue(catalog.deletedAt(deleted, 2));
            assertTrue(catalog.document(stray).isEmpty());
            given().auth().oauth2(admin).when().get("/api/search/admin/index/rebuild")
                    .then().body("events_read", org.hamcrest.Matchers.greaterThanOrEqualTo(4));
        }
    }
}
