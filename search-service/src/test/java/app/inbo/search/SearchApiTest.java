package app.inbo.search;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.search.support.CatalogFixture;
import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a user of GET /api/search sees: relevance, typo tolerance, filters, pages, snippets, caching, bad input. */
@QuarkusTest
class SearchApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TECH = CatalogFixture.uniqueSlug("tech");
    private static final String SCIENCE = CatalogFixture.uniqueSlug("science");
    private static final String PAGED = CatalogFixture.uniqueWord();
    private static final int PAGED_POSTS = 25;

    private static final CategoryRef TECH_REF = new CategoryRef(UUID.randomUUID(), TECH, "Technology");
    private static final CategoryRef SCIENCE_REF = new CategoryRef(UUID.randomUUID(), SCIENCE, "Science");
    private static final UUID RUST_WEEKLY = UUID.randomUUID();
    private static final UUID TECH_NEWSLETTER = UUID.randomUUID();
    private static final UUID RUST_SCIENCE_POST = UUID.randomUUID();
    private static final List<UUID> PAGED_IDS = new ArrayList<>();
    private static boolean seeded;

    @Inject
    DataSource db;

    @Inject
    JWTParser parser;

    private final String user = TestTokens.user(UUID.randomUUID());

    @BeforeEach
    void seedOnce() {
        if (seeded) {
            return;
        }
        try (CatalogFixture catalog = new CatalogFixture(db)) {
            catalog.publish(CatalogFixture.newsletter(RUST_WEEKLY, "Rust Weekly",
                    "News about the Rust programming language, every week.", List.of(TECH_REF), 1));
            UUID host = UUID.randomUUID();
            catalog.publish(CatalogFixture.newsletter(host, "Systems Digest", "Low-level programming.", List.of(TECH_REF), 1));
            // posts that say "rust weekly" more often than the newsletter itself, but are not titled exactly so
            for (int i = 0; i < 3; i++) {
                catalog.publish(CatalogFixture.post(UUID.randomUUID(), host, "Rust weekly rust weekly roundup " + i,
                        "Rust weekly: rust news, rust tips, rust weekly.", List.of(TECH_REF)));
            }
            catalog.publish(CatalogFixture.newsletter(TECH_NEWSLETTER, "The Technology Newsletter",
                    "Everything about technology & gadgets <b>weekly</b>.", List.of(TECH_REF), 1));
            UUID lab = UUID.randomUUID();
            catalog.publish(CatalogFixture.newsletter(lab, "Lab Notes", "Science from the bench.", List.of(SCIENCE_REF), 1));
            catalog.publish(CatalogFixture.post(RUST_SCIENCE_POST, lab, "Rust on iron bridges", "Corrosion science.",
                    List.of(SCIENCE_REF)));
            for (int i = 0; i < PAGED_POSTS; i++) {
                UUID id = UUID.randomUUID();
                PAGED_IDS.add(id);
                catalog.publish(CatalogFixture.post(id, lab, "Paged " + PAGED + " result " + i,
                        "Summary " + i + " of " + PAGED + (i % 3 == 0 ? " " + PAGED : ""), List.of(SCIENCE_REF)));
            }
            await().atMost(WAIT).until(() -> catalog.indexedAt(TECH_NEWSLETTER, 1) && catalog.indexedAt(RUST_WEEKLY, 1)
                    && PAGED_IDS.stream().allMatch(id -> catalog.indexedAt(id, 1)));
        }
        seeded = true;
    }

    @Test
    void exactTitleComesFirst() {
        search(Map.of("q", "Rust Weekly", "category", TECH)).statusCode(200)
                .body("results[0].id", equalTo(RUST_WEEKLY.toString()))
                .body("results[0].type", equalTo("newsletter"))
                .body("results[0].title", equalTo("Rust Weekly"))
                .body("results.size()", equalTo(4))
                .body("results[0].categories[0].slug", equalTo(TECH));
    }

    @Test
    void typosStillFindTheObviousMatch() {
        search(Map.of("q", "tecnology", "category", TECH)).statusCode(200)
                .body("results[0].id", equalTo(TECH_NEWSLETTER.toString()));
        search(Map.of("q", "newsleter", "category", TECH)).statusCode(200)
                .body("results[0].id", equalTo(TECH_NEWSLETTER.toString()));
        search(Map.of("q", "the tecnology newsleter", "category", TECH)).statusCode(200)
                .body("results[0].id", equalTo(TECH_NEWSLETTER.toString()));
    }

    @Test
    void snippetsHighlightTheMatchAndEscapeMarkup() {
        search(Map.of("q", "gadgets", "category", TECH)).statusCode(200)
                .body("results[0].snippet", containsString("<mark>gadgets</mark>"))
                .body("results[0].snippet", containsString("&lt;b&gt;"))
                .body("results[0].snippet", not(containsString("<b>")));
    }

    @Test
    void categoryAndTypeFilterTheResults() {
        search(Map.of("q", "rust", "category", SCIENCE)).statusCode(200)
                .body("results.id", equalTo(List.of(RUST_SCIENCE_POST.toString())));
        search(Map.of("q", "rust", "category", TECH)).statusCode(200)
                .body("results.id", not(hasItem(RUST_SCIENCE_POST.toString())))
                .body("results.id", hasItem(RUST_WEEKLY.toString()));
        search(Map.of("q", "rust", "category", TECH, "type", "post")).statusCode(200)
                .body("results.type", everyItem(equalTo("post")))
                .body("results", hasSize(3));
    }

    @Test
    void pagesFollowTheCursorWithoutDuplicatesOrGaps() {
        List<String> all = search(Map.of("q", PAGED, "limit", "100")).statusCode(200)
                .body("next_cursor", nullValue()).extract().path("results.id");
        assertEquals(PAGED_POSTS, all.size());

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> params = cursor == null ? Map.of("q", PAGED, "limit", "7")
                    : Map.of("q", PAGED, "limit", "7", "cursor", cursor);
            var page = search(params).statusCode(200).extract();
            paged.addAll(page.path("results.id"));
            cursor = page.path("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(4, pages);
        assertEquals(all, paged, "the pages together are the single long page, in order");
        assertEquals(PAGED_POSTS, new HashSet<>(paged).size());
        assertTrue(PAGED_IDS.stream().map(UUID::toString).allMatch(paged::contains));
    }

    @Test
    void aCachedResultIsInvalidatedWhenTheIndexChanges() {
        String word = CatalogFixture.uniqueWord();
        try (CatalogFixture catalog = new CatalogFixture(db)) {
            UUID first = UUID.randomUUID();
            catalog.publish(CatalogFixture.post(first, UUID.randomUUID(), "Cache " + word, "one", List.of(TECH_REF)));
            await().atMost(WAIT).until(() -> catalog.indexedAt(first, 1));
            search(Map.of("q", word)).statusCode(200).body("results", hasSize(1));
            double hits = CatalogFixture.metric("search_cache_requests_total", "result=\"hit\"");
            // the page is stored without holding up the first answer: a repeated call is a hit once it has landed
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                search(Map.of("q", word)).statusCode(200).body("results", hasSize(1));
                assertTrue(CatalogFixture.metric("search_cache_requests_total", "result=\"hit\"") > hits, "a call is cached");
            });

            UUID second = UUID.randomUUID();
            catalog.publish(CatalogFixture.post(second, UUID.randomUUID(), "Cache " + word + " again", "two", List.of(TECH_REF)));
            await().atMost(WAIT).until(() -> catalog.indexedAt(second, 1));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    search(Map.of("q", word)).statusCode(200).body("results", hasSize(2)));
        }
    }

    @Test
    void suggestCompletesTitlesNewslettersFirst() {
        given().auth().oauth2(user).queryParam("q", "rust wee").when().get("/api/search/suggest")
                .then().statusCode(200)
                .body("suggestions[0].title", equalTo("Rust Weekly"))
                .body("suggestions[0].type", equalTo("newsletter"));
        given().auth().oauth2(user).queryParam("q", "Paged " + PAGED.substring(0, 6)).when().get("/api/search/suggest")
                .then().statusCode(200).body("suggestions", hasSize(8));
        given().auth().oauth2(user).queryParam("q", " ").when().get("/api/search/suggest")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalid_params[0].name", equalTo("q"));
    }

    @Test
    void badInputIsA400NamingTheParameter() {
        badRequest(Map.of(), "q");
        badRequest(Map.of("q", ""), "q");
        badRequest(Map.of("q", "   \t "), "q");
        badRequest(Map.of("q", "a".repeat(201)), "q");
        badRequest(Map.of("q", "rust", "limit", "0"), "limit");
        badRequest(Map.of("q", "rust", "limit", "101"), "limit");
        badRequest(Map.of("q", "rust", "limit", "ten"), "limit");
        badRequest(Map.of("q", "rust", "type", "podcast"), "type");
        badRequest(Map.of("q", "rust", "cursor", "not-a-cursor"), "cursor");
        badRequest(Map.of("q", "rust", "cursor", "%%%"), "cursor");
        badRequest(Map.of("q", "rust", "category", "Not A Slug!"), "category");
        String otherQuerysCursor = search(Map.of("q", PAGED, "limit", "1")).statusCode(200)
                .extract().path("next_cursor");
        badRequest(Map.of("q", "rust", "limit", "1", "cursor", otherQuerysCursor), "cursor");
        search(Map.of("q", "a".repeat(200))).statusCode(200);
    }

    @Test
    void querySyntaxCharactersNeverCauseAnError() {
        for (String q : List.of("&", "|", "!", "(", ")", ":", "*", "'", "\"", "\\", "&|!():*'\"\\",
                "rust & | weekly", "rust:*", "!rust", "'rust' | (weekly", "rust\\", "\"rust weekly\"", "a:b:c",
                "rust <-> weekly", "ÄÖÜ café")) {
            search(Map.of("q", q, "category", TECH)).statusCode(200).body("results", notNullValue());
        }
        search(Map.of("q", "(rust)!", "category", TECH)).statusCode(200).body("results.id", hasItem(RUST_WEEKLY.toString()));
    }

    @Test
    void searchNeedsASignedInUserAndAdminNeedsTheAdminRole() {
        given().queryParam("q", "rust").when().get("/api/search").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(user).when().get("/api/search/admin/failures").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID())).when().get("/api/search/admin/failures")
                .then().statusCode(200).body("status", equalTo("pending"));
    }

    @Test
    void theServiceRemembersVerifiedTokensButNeverATamperedCopy() throws ParseException {
        // smallrye's parser makes a new token object per call: the same object twice means it was remembered
        assertSame(parser.parse(user), parser.parse(user), "the JWT mechanism's parser remembers verified tokens");
        search(Map.of("q", "rust")).statusCode(200);
        search(Map.of("q", "rust")).statusCode(200);
        int middle = user.lastIndexOf('.') + 20;
        String forged = user.substring(0, middle) + (user.charAt(middle) == 'A' ? 'B' : 'A') + user.substring(middle + 1);
        given().auth().oauth2(forged).queryParam("q", "rust").when().get("/api/search").then().statusCode(401)
                .contentType("application/problem+json");
    }

    private ValidatableResponse search(Map<String, String> params) {
        return given().auth().oauth2(user).queryParams(params).when().get("/api/search").then();
    }

    private void badRequest(Map<String, String> params, String field) {
        search(params).statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("invalid_params.name", hasItem(field));
    }
}
