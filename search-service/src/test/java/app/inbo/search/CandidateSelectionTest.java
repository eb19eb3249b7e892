package app.inbo.search;

import app.inbo.search.support.CatalogFixture;
import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With more matches than a query ranks, the ranked ones are the title matches, the matches among the most recent
 * documents and the first further matches: candidate limits are tiny here so that a handful of documents exceed them.
 */
@QuarkusTest
@TestProfile(CandidateSelectionTest.TinyCandidateSets.class)
class CandidateSelectionTest {

    public static class TinyCandidateSets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inbo.search.ranking.recent-documents", "3",
                    "inbo.search.ranking.recent-candidates", "2",
                    "inbo.search.ranking.title-candidates", "2",
                    "inbo.search.ranking.other-candidates", "3");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant LONG_AGO = Instant.now().minus(200, ChronoUnit.DAYS);

    @Inject
    DataSource db;

    private final String user = TestTokens.user(UUID.randomUUID());

    @Test
    void titleMatchesAreRankedThoughFoundAfterTheOtherCandidates() {
        String word = CatalogFixture.uniqueWord();
        UUID newsletter = UUID.randomUUID();
        List<UUID> inTitle = List.of(UUID.randomUUID(), UUID.randomUUID());
        try (CatalogFixture catalog = new CatalogFixture(db)) {
            List<UUID> all = new ArrayList<>();
            // the description matches come first in the table (the first further matches), the title matches after
            for (int i = 0; i < 6; i++) {
                UUID id = UUID.randomUUID();
                all.add(id);
                catalog.publish(CatalogFixture.postPublishedAt(id, newsletter, "Notes " + i, "all about " + word + " today",
                        LONG_AGO.plusSeconds(i)));
            }
            for (UUID id : inTitle) {
                all.add(id);
                // older than every other match, so the recent documents never include them
                catalog.publish(CatalogFixture.postPublishedAt(id, newsletter, "The " + word + " story", "a story",
                        LONG_AGO.minus(30, ChronoUnit.DAYS)));
            }
            await().atMost(WAIT).until(() -> all.stream().allMatch(id -> catalog.indexedAt(id, 1)));
        }
        List<String> ids = search(word, 20, null).path("results.id");
        assertEquals(new HashSet<>(inTitle.stream().map(UUID::toString).toList()), new HashSet<>(ids.subList(0, 2)),
                "both title matches rank first: " + ids);
    }

    @Test
    void aFreshMatchIsRankedThoughFoundAfterTheOtherCandidates() {
        String word = CatalogFixture.uniqueWord();
        UUID newsletter = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        try (CatalogFixture catalog = new CatalogFixture(db)) {
            List<UUID> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                UUID id = UUID.randomUUID();
                all.add(id);
                catalog.publish(CatalogFixture.postPublishedAt(id, newsletter, "Notes " + i, "all about " + word + " today",
                        LONG_AGO.plusSeconds(i)));
            }
            all.add(fresh);
            catalog.publish(CatalogFixture.postPublishedAt(fresh, newsletter, "Latest notes", "all about " + word + " today",
                    Instant.now()));
            await().atMost(WAIT).until(() -> all.stream().allMatch(id -> catalog.indexedAt(id, 1)));
        }
        List<String> ids = search(word, 20, null).path("results.id");
        assertEquals(fresh.toString(), ids.get(0), "the fresh match ranks first (same text, freshness boost): " + ids);
        assertTrue(ids.size() < 7, "not every match is ranked: " + ids);
    }

    @Test
    void pagesCoverTheRankedCandidatesWithoutDuplicatesOrGaps() {
        String word = CatalogFixture.uniqueWord();
        UUID newsletter = UUID.randomUUID();
        try (CatalogFixture catalog = new CatalogFixture(db)) {
            List<UUID> all = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                UUID id = UUID.randomUUID();
                all.add(id);
                String title = i % 3 == 0 ? "On " + word + " " + i : "Notes " + i;
                catalog.publish(CatalogFixture.postPublishedAt(id, newsletter, title, word + " and more " + word,
                        LONG_AGO.plus(i, ChronoUnit.DAYS)));
            }
            await().atMost(WAIT).until(() -> all.stream().allMatch(id -> catalog.indexedAt(id, 1)));
        }
        List<String> single = search(word, 100, null).path("results.id");
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            ExtractableResponse<Response> page = search(word, 2, cursor);
            paged.addAll(page.path("results.id"));
            cursor = page.path("next_cursor");
        } while (cursor != null);
        assertEquals(single, paged, "the pages together are the single long page, in order");
        assertEquals(paged.size(), new HashSet<>(paged).size());
        assertTrue(single.size() < 9, "more matches than candidates: " + single.size() + " ranked");
    }

    private ExtractableResponse<Response> search(String q, int limit, String cursor) {
        Map<String, Object> params = new HashMap<>(Map.of("q", q, "limit", limit));
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return given().auth().oauth2(user).queryParams(params).when().get("/api/search")
                .then().statusCode(200).extract();
    }
}
