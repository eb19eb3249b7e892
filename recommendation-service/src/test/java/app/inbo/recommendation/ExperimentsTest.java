package app.inbo.recommendation;

import app.inbo.contracts.redis.RedisKeys;
import app.inbo.recommendation.config.RecommendationConfig;
import app.inbo.recommendation.service.Experiments;
import app.inbo.recommendation.service.RankingOverrides;
import app.inbo.recommendation.service.RankingPolicy;
import app.inbo.recommendation.service.RecommendationService;
import app.inbo.recommendation.service.VariantAssignment;
import app.inbo.recommendation.support.EventFedTest;
import app.inbo.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A/B experiments end to end: defined through the admin API, users split by the deterministic assignment, each
 * ranked and cached with their variant's policy; switching shares (here, or on another instance: straight in the
 * database) and ending take effect without a restart.
 */
@QuarkusTest
class ExperimentsTest extends EventFedTest {

    private static final String BASE = "/api/recommendations/admin/experiments/";
    /**
     * Ranks by popularity alone (ties by id): an order that does not drift with the clock (every item's popularity
     * decays by the same factor), so lists compare exactly.
     */
    private static final Map<String, Object> POPULAR_ONLY = Map.of("affinity_weight", 0, "co_engagement_weight", 0,
            "popularity_weight", 1, "freshness_weight", 0);

    @Inject
    RecommendationService recommendations;

    @Inject
    RecommendationConfig config;

    @Inject
    Experiments experiments;

    @Inject
    RedisDataSource redis;

    private final String admin = TestTokens.admin(UUID.randomUUID());

    @AfterEach
    void removeTheExperimentsOfThisTest() throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement delete = c.prepareStatement("delete from experiment where name like 'it-%'")) {
            delete.executeUpdate();
        }
        experiments.refresh();
    }

    @Test
    void usersAreSplitByTheirAssignmentAndRankedWithTheirVariantsPolicy() {
        catalog("exp", 4, 6);
        define("it-split", variants(0.5, 0.5)).statusCode(200).body("status", equalTo("running"))
                .body("variants[1].ranking.popularity_weight", equalTo(1.0f));

        RankingPolicy base = RankingPolicy.of(config.ranking());
        RankingPolicy treatment = RankingOverrides.apply(base, doubles(POPULAR_ONLY));
        Map<String, Integer> seen = new HashMap<>();
        int unlikeBase = 0;
        for (int i = 0; i < 30; i++) {
            UUID user = UUID.randomUUID();
            String expected = VariantAssignment.bucket("it-split", user) < 0.5 ? "control" : "treatment";
            JsonPath list = mine(user);
            assertEquals("it-split", list.getString("variant.experiment"));
            assertEquals(expected, list.getString("variant.name"), "user " + user);
            assertEquals(expected, mine(user).getString("variant.name"), "the same user, the same variant");
            seen.merge(expected, 1, Integer::sum);
            String suffix = expected.equals("control") ? "" : "-" + RankingOverrides.fingerprint(treatment);
            assertTrue(redis.key().exists(RedisKeys.userRecommendations(user, "top-50" + suffix)),
                    "cached under the key of the variant's policy");
            if (expected.equals("treatment")) {
                assertEquals(ids(recommendations.compute(user, 10, treatment)), list.getList("items.id"));
                unlikeBase += ids(recommendations.compute(user, 10, base)).equals(list.getList("items.id")) ? 0 : 1;
            }
        }
        assertEquals(2, seen.size(), "both variants got users: " + seen);
        assertTrue(unlikeBase > 0, "the treatment's ranking is not the configured one");
    }

    @Test
    void switchingSharesHereOrOnAnotherInstanceMovesUsersWithoutARestartAndNoCachedListSurvivesIt() throws SQLException {
        catalog("exp", 4, 6);
        define("it-switch", variants(1, 0)).statusCode(200);
        UUID user = UUID.randomUUID();
        assertEquals("control", mine(user).getString("variant.name"));
        assertTrue(mine(user).getBoolean("cached"));

        define("it-switch", variants(0, 1)).statusCode(200).body("variants[0].share", equalTo(0.0f));
        JsonPath switched = mine(user);
        assertEquals("treatment", switched.getString("variant.name"), "this instance ranks with the change at once");
        assertFalse(switched.getBoolean("cached"), "the control list is not served to the treatment");

        // another instance's change reaches this one by the periodic refresh
        try (Connection c = db.getConnection(); PreparedStatement update = c.prepareStatement(
                "update experiment set variants = jsonb_set(jsonb_set(variants, '{0,share}', '1'), '{1,share}', '0') "
                        + "where name = 'it-switch'")) {
            assertEquals(1, update.executeUpdate());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> "control".equals(mine(user).getString("variant.name")));
    }

    @Test
    void endingAnExperimentRanksEveryoneWithTheWinnerAndRecordsNoVariant() {
        catalog("exp", 4, 6);
        define("it-end", variants(0.5, 0.5)).statusCode(200);
        end("it-end", "nobody").statusCode(400).body("invalid_params.name", hasItem("winner"));
        end("it-end", "treatment").statusCode(200).body("status", equalTo("ended")).body("winner", equalTo("treatment"));
        end("it-end", "treatment").statusCode(200).body("winner", equalTo("treatment"));
        end("it-end", "control").statusCode(409);
        define("it-end", variants(0.5, 0.5)).statusCode(409);

        RankingPolicy winner = RankingOverrides.apply(RankingPolicy.of(config.ranking()), doubles(POPULAR_ONLY));
        for (int i = 0; i < 5; i++) {
            UUID user = UUID.randomUUID();
            JsonPath list = mine(user);
            assertNull(list.get("variant"), "outside any experiment");
            assertEquals(ids(recommendations.compute(user, 10, winner)), list.getList("items.id"));
        }
        given().auth().oauth2(admin).when().get(BASE + "it-end").then().statusCode(200).body("status", equalTo("ended"));
        given().auth().oauth2(admin).when().get(BASE).then().statusCode(200).body("name", hasItem("it-end"));
        given().auth().oauth2(admin).when().get(BASE + "it-nothing").then().statusCode(404);

        define("it-next", variants(0.5, 0.5)).statusCode(200);
        end("it-next", "control").statusCode(200);
        JsonPath back = mine(UUID.randomUUID());
        assertNull(back.get("variant"));
    }

    @Test
    void onlyOneExperimentRunsAtATime() {
        define("it-first", variants(0.5, 0.5)).statusCode(200);
        define("it-second", variants(0.5, 0.5)).statusCode(409).contentType("application/problem+json");
        end("it-first", "control").statusCode(200);
        define("it-second", variants(0.5, 0.5)).statusCode(200);
        end("it-second", "control").statusCode(200);
    }

    @Test
    void badDefinitionsAreProblemsNamingTheField() {
        define("it-bad", variants(0.5, 0.6)).statusCode(400).body("invalid_params.name", hasItem("variants"));
        List<Map<String, Object>> unknown = variants(0.5, 0.5);
        unknown.set(1, Map.of("name", "treatment", "share", 0.5, "ranking", Map.of("nope", 1, "seen_penalty", 2)));
        define("it-bad", unknown).statusCode(400)
                .body("invalid_params.name", hasItem("variants[1].ranking.nope"))
                .body("invalid_params.name", hasItem("variants[1].ranking.seen_penalty"));
        define("It Bad", variants(0.5, 0.5)).statusCode(400).body("invalid_params.name", hasItem("name"));
        List<Map<String, Object>> twins = variants(0.5, 0.5);
        twins.set(1, Map.of("name", "control", "share", 0.5));
        define("it-bad", twins).statusCode(400).body("invalid_params.name", hasItem("variants[1].name"));
        define("it-bad", List.of(Map.of("name", "alone", "share", 1))).statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of()).when().put(BASE + "it-bad")
                .then().statusCode(400);
        given().auth().oauth2(admin).when().get(BASE + "it-bad").then().statusCode(404);
    }

    @Test
    void onlyAdminsManageExperiments() {
        UUID user = UUID.randomUUID();
        given().when().get(BASE).then().statusCode(401);
        given().auth().oauth2(TestTokens.user(user)).when().get(BASE).then().statusCode(403);
        given().auth().oauth2(TestTokens.user(user)).contentType(ContentType.JSON)
                .body(Map.of("variants", variants(0.5, 0.5))).when().put(BASE + "it-mine").then().statusCode(403);
        given().auth().oauth2(TestTokens.service("experience-service")).when().get(BASE).then().statusCode(403);
        given().auth().oauth2(admin).when().get(BASE + "it-mine").then().statusCode(404).body("status", equalTo(404));
    }

    private io.restassured.response.ValidatableResponse define(String name, List<Map<String, Object>> variants) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("variants", variants))
                .when().put(BASE + name).then();
    }

    private io.restassured.response.ValidatableResponse end(String name, String winner) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("winner", winner))
                .when().post(BASE + name + "/end").then();
    }

    /** control (no overrides) and treatment (popularity only), with these shares. */
    private static List<Map<String, Object>> variants(double control, double treatment) {
        List<Map<String, Object>> variants = new ArrayList<>();
        variants.add(Map.of("name", "control", "share", control));
        variants.add(Map.of("name", "treatment", "share", treatment, "ranking", POPULAR_ONLY));
        return variants;
    }

    private static JsonPath mine(UUID user) {
        return given().auth().oauth2(TestTokens.user(user)).queryParam("limit", 10)
                .when().get("/api/recommendations/me").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> ids(List<app.inbo.contracts.api.RecommendedItem> items) {
        return items.stream().map(item -> item.id().toString()).toList();
    }

    private static Map<String, Double> doubles(Map<String, Object> values) {
        Map<String, Double> doubles = new HashMap<>();
        values.forEach((k, v) -> doubles.put(k, ((Number) v).doubleValue()));
        return doubles;
    }
}
