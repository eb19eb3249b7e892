package app.inbo.recommendation;

import app.inbo.recommendation.domain.Experiment;
import app.inbo.recommendation.service.Experiments;
import app.inbo.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An experiment brought by configuration starts with the service, once: a restart or another replica changes
 * nothing, and what admins did to it since stands.
 */
@QuarkusTest
@TestProfile(ExperimentSeedTest.Seeded.class)
class ExperimentSeedTest {

    public static class Seeded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "recommendation.experiments.seed.name", "it-seeded",
                    "recommendation.experiments.seed.variants[0].name", "control",
                    "recommendation.experiments.seed.variants[0].share", "0.5",
                    "recommendation.experiments.seed.variants[1].name", "item-cf",
                    "recommendation.experiments.seed.variants[1].share", "0.5",
                    "recommendation.experiments.seed.variants[1].ranking.affinity_weight", "0.5",
                    "recommendation.experiments.seed.variants[1].ranking.diversity_window", "20");
        }
    }

    @Inject
    Experiments experiments;

    @Inject
    AgroalDataSource db;

    private final String admin = TestTokens.admin(UUID.randomUUID());

    @AfterEach
    void removeTheSeededExperiment() throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement delete = c.prepareStatement("delete from experiment where name like 'it-%'")) {
            delete.executeUpdate();
        }
        experiments.refresh();
    }

    @Test
    void theConfiguredExperimentRunsFromTheStartAndSeedingAgainChangesNothing() {
        given().auth().oauth2(admin).when().get("/api/recommendations/admin/experiments/it-seeded").then()
                .statusCode(200).body("status", equalTo("running"))
                .body("variants[1].name", equalTo("item-cf"))
                .body("variants[1].ranking.affinity_weight", equalTo(0.5f))
                .body("variants[1].ranking.diversity_window", equalTo(20.0f));
        given().auth().oauth2(TestTokens.user(UUID.randomUUID())).when().get("/api/recommendations/me")
                .then().statusCode(200).body("variant.experiment", equalTo("it-seeded"));

        // an admin moves everyone to item-cf; a restart (or another replica) seeding again leaves that alone
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("variants", List.of(
                        Map.of("name", "control", "share", 0), Map.of("name", "item-cf", "share", 1,
                                "ranking", Map.of("affinity_weight", 0.5)))))
                .when().put("/api/recommendations/admin/experiments/it-seeded").then().statusCode(200);
        assertTrue(experiments.seed("it-seeded", List.of(new Experiment.Variant("control", 0.5, Map.of()),
                new Experiment.Variant("item-cf", 0.5, Map.of()))).isEmpty());
        Experiment stored = experiments.find("it-seeded");
        assertEquals(0.0, stored.variants().get(0).share());
        assertEquals(1.0, stored.variants().get(1).share());
    }
}
