package app.inbo.experience;

import app.inbo.contracts.api.CategoryWeight;
import app.inbo.contracts.api.RecommendationList;
import app.inbo.contracts.api.RecommendedItem;
import app.inbo.contracts.api.UserProfile;
import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.ItemType;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.service.popularity.TrendingBoard;
import app.inbo.experience.service.projections.CatalogLists;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.experience.support.Neighbours;
import app.inbo.experience.support.Pages;
import app.inbo.experience.support.ReadingFixture;
import app.inbo.testing.DriverStatements;
import app.inbo.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The home page against a real catalog projection, real Redis and the neighbours stubbed over HTTP. */
@QuarkusTest
class HomeScreenTest {

    private static final List<String> DISPLAY_ORDER = List.of("continue_reading", "recommended", "trending", "fresh",
            "for_you_categories");

    @Inject
    CatalogRepository catalog;

    @Inject
    TrendingBoard trending;

    @Inject
    CatalogLists lists;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource db;

    private CatalogRefs refs;

    /** A catalog with trending items (clicked by other users), and items in a preferred category. */
    private record CatalogRefs(CategoryRef scienceCategory, CategoryRef cooking, List<UUID> trending, List<UUID> science,
                               UUID completed, UUID unfinished, List<UUID> recommended) {
    }

    @BeforeEach
    void catalogAndActivity() {
        Neighbours.allUp();
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            CategoryRef science = CatalogFixture.category("science");
            CategoryRef cooking = CatalogFixture.category("cooking");
            List<UUID> hot = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                hot.add(fixture.newsletter("hot-" + i, 20 + i, cooking));
            }
            List<UUID> inScience = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                inScience.add(fixture.newsletter("science-" + i, 3 + i, science));
            }
            UUID completed = fixture.newsletter("completed-science", 0.1, science);
            UUID unfinished = fixture.newsletter("unfinished", 40, cooking);
            List<UUID> recommended = List.of(fixture.newsletter("rec-a", 50, cooking), fixture.newsletter("rec-b", 55));
            for (int i = 0; i < 12; i++) {
                fixture.newsletter("filler-" + i, 10 + i, cooking);
            }
            fixture.awaitProjected();
            refs = new CatalogRefs(science, cooking, hot, inScience, completed, unfinished, recommended);
        }
        String someoneElse = TestTokens.user(UUID.randomUUID());
        List<Map<String, Object>> clicks = new ArrayList<>();
        for (int i = 0; i < refs.trending().size(); i++) {
            for (int n = 0; n <= 20 + i; n++) {
                clicks.add(Pages.click(refs.trending().get(i)));
            }
        }
        Pages.interact(someoneElse, clicks);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            trending.refresh().await().indefinitely();
            return trending.top(100).await().indefinitely().value().entries().stream()
                    .anyMatch(e -> e.itemId().equals(refs.trending().get(0)));
        });
    }

    @Test
    void personalisedPageHasAllSectionsInOrderWithoutDuplicatesOrCompletedItems() {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        personalise(user, 1, List.of(refs.unfinished(), refs.recommended().get(0), refs.completed(),
                refs.recommended().get(1)));

        JsonPath page = Pages.home(token);

        assertEquals(DISPLAY_ORDER, Pages.sectionTypes(page));
        List<String> all = Pages.allItemIds(page);
        assertEquals(all.size(), new HashSet<>(all).size(), "no item twice on a page: " + all);
        assertFalse(all.contains(refs.completed().toString()), "a completed item is never shown");
        assertEquals(List.of(refs.unfinished().toString()), Pages.itemIds(page, "continue_reading"));
        assertEquals(List.of(refs.recommended().get(0).toString(), refs.recommended().get(1).toString()),
                Pages.itemIds(page, "recommended"), "recommender order, the unfinished and completed items left out");
        List<String> forYou = Pages.itemIds(page, "for_you_categories");
        assertFalse(forYou.isEmpty());
        for (String id : forYou) {
            assertTrue(refs.science().contains(UUID.fromString(id)), id + " is in the preferred category");
        }
        List<Float> affinities = page.getList("sections.find { it.type == 'for_you_categories' }.items.metadata.affinity", Float.class);
        assertTrue(affinities.stream().allMatch(a -> a >= 0.8f), "affinity of preferred-category items: " + affinities);
        List<Float> scores = page.getList("sections.find { it.type == 'for_you_categories' }.items.score", Float.class);
        for (int i = 1; i < scores.size(); i++) {
            assertTrue(scores.get(i - 1) >= scores.get(i), "for_you is ordered by score: " + scores);
        }
        assertEquals(5, Pages.itemIds(page, "trending").size());
        assertEquals(5, Pages.itemIds(page, "fresh").size());
        assertEquals(List.of(), Pages.degraded(page));
        assertEquals("continue_reading", page.getString("sections[0].type"));
        assertEquals("unfinished", page.getString("sections[0].items[0].title"));
        assertEquals(42, page.getInt("sections[0].items[0].metadata.progress"));
        assertFalse(all.contains(refs.science().get(0).toString()), "an item completed in reading is never shown");

        UUID renderId = UUID.fromString(page.getString("render_id"));
        List<?> shown = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select cast(shown.item as text), shown.section, shown.position from render, "
                                + "unnest(item_ids, section_types, positions) as shown (item, section, position) "
                                + "where render.id = :r order by shown.section, shown.position")
                .setParameter("r", renderId).getResultList());
        assertEquals(all.size(), shown.size(), "every shown item is recorded with the render");
        Object[] firstTrending = shown.stream().map(r -> (Object[]) r).filter(r -> r[1].equals("trending"))
                .findFirst().orElseThrow();
        assertEquals(Pages.itemIds(page, "trending").get(0), firstTrending[0]);
        assertEquals(0, ((Number) firstTrending[2]).intValue());
        assertEquals(user.toString(), QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select cast(user_id as text) from render where id = :r and page = 'home' and session_id = 's-1'")
                .setParameter("r", renderId).getSingleResult()));
    }

    @Test
    void newUserGetsAFullPageOfTrendingAndFresh() {
        JsonPath page = Pages.home(TestTokens.user(UUID.randomUUID()));

        assertEquals(List.of("trending", "fresh"), Pages.sectionTypes(page));
        assertEquals(5, Pages.itemIds(page, "trending").size());
        assertEquals(5, Pages.itemIds(page, "fresh").size());
        List<String> all = Pages.allItemIds(page);
        assertEquals(all.size(), new HashSet<>(all).size());
        assertEquals(List.of(), Pages.degraded(page));
        List<Float> popularity = page.getList("sections[0].items.metadata.popularity", Float.class);
        for (int i = 1; i < popularity.size(); i++) {
            assertTrue(popularity.get(i - 1) >= popularity.get(i), "trending is ordered by popularity: " + popularity);
        }
        assertTrue(popularity.get(0) > 0);
        assertEquals(List.of("created_at"), page.getList("sections[0].items.metadata.freshness_basis", String.class)
                .stream().distinct().toList(), "newsletters without posts are as fresh as their creation");
    }

    /**
     * Measured with nothing held by {@link CatalogLists} (the worst case): the statements sent to the database, by
     * Hibernate or plain JDBC, are the same for a page of few and of many items, and a handful in all.
     */
    @Test
    void statementCountDoesNotGrowWithTheItemsOnThePage() {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);

        personalise(user, 1, List.of(refs.recommended().get(0)));
        Pages.home(token);
        lists.invalidate();
        DriverStatements.Counted<JsonPath> small = DriverStatements.count(() -> Pages.home(token));
        int smallPage = Pages.allItemIds(small.result()).size();

        List<UUID> many = new ArrayList<>(refs.recommended());
        many.addAll(refs.trending().subList(0, 3));
        personalise(user, 5, many);
        lists.invalidate();
        DriverStatements.Counted<JsonPath> large = DriverStatements.count(() -> Pages.home(token));
        int largePage = Pages.allItemIds(large.result()).size();

        assertTrue(largePage > smallPage + 4, "pages of " + smallPage + " and " + largePage + " items");
        assertEquals(small.statements(), large.statements(), "statements for " + smallPage + " vs " + largePage + " items");
        assertTrue(large.statements() <= 8, large.statements() + " statements for one page");
    }

    /**
     * The catalog lists are held between pages: the next page of any user costs only the per-user statements (the
     * user's dismissals, the newest posts of the newsletters they follow, and the render); a catalog change applied
     * by this instance shows on the next page at once.
     */
    @Test
    void catalogListsAreHeldBetweenPagesAndForgottenOnCatalogChange() {
        String token = TestTokens.user(UUID.randomUUID());
        Pages.home(token);
        assertEquals(3, DriverStatements.count(() -> Pages.home(TestTokens.user(UUID.randomUUID()))).statements(),
                "statements of a page with the lists held");

        UUID newest;
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            newest = fixture.newsletter("brand-new", 0, refs.cooking());
            await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> catalog.typesOf(List.of(newest))).containsKey(newest));
        }
        // well within the lists' TTL (5 s): only the invalidation after the projection's commit explains it
        await().atMost(Duration.ofSeconds(1)).until(() -> Pages.allItemIds(Pages.home(token))
                .contains(newest.toString()));
    }

    @Test
    void onlyTheHomePageExistsAndSessionIdsAreChecked() {
        String token = TestTokens.user(UUID.randomUUID());
        given().auth().oauth2(token).queryParam("page", "settings").when().get("/api/experience/home")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalid_params[0].name", org.hamcrest.Matchers.equalTo("page"));
        given().auth().oauth2(token).queryParam("session_id", "has space").when().get("/api/experience/home")
                .then().statusCode(400).body("invalid_params[0].name", org.hamcrest.Matchers.equalTo("session_id"));
        given().when().get("/api/experience/home").then().statusCode(401);
    }

    /**
     * The user reads science, has unfinished items (from the reading events: {@code refs.unfinished} read last, at
     * 42 %), completed {@code refs.completed} (the recommender's profile) and {@code refs.science[0]} (the reading
     * events), and gets these recommendations.
     */
    private void personalise(UUID user, int unfinishedCount, List<UUID> recommended) {
        Instant now = Instant.now();
        try (ReadingFixture reading = new ReadingFixture(db)) {
            reading.read(user, refs.unfinished(), 42, now);
            for (int i = 1; i < unfinishedCount; i++) {
                reading.read(user, refs.trending().get(refs.trending().size() - i), 10, now.minusSeconds(60L * i));
            }
            reading.read(user, refs.science().get(0), 100, now.minusSeconds(3600));
            reading.awaitProjected(user, refs.science().get(0), 100);
            reading.awaitProjected(user, refs.unfinished(), 42);
            for (int i = 1; i < unfinishedCount; i++) {
                reading.awaitProjected(user, refs.trending().get(refs.trending().size() - i), 10);
            }
        }
        Neighbours.recommendations(user, new RecommendationList(recommended.stream()
                .map(id -> new RecommendedItem(id, ItemType.NEWSLETTER, "rec", List.of(), 0.9, "category_affinity"))
                .toList(), false));
        Neighbours.profile(user, new UserProfile(user, List.of(new CategoryWeight(refs.scienceCategory().id(), "science", 3.0)),
                List.of(refs.completed()), List.of(), Instant.now()));
    }
}
