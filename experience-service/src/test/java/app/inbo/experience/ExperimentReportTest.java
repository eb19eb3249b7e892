package app.inbo.experience;

import app.inbo.contracts.api.ExperimentVariant;
import app.inbo.contracts.api.RecommendationList;
import app.inbo.contracts.api.RecommendedItem;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.topics.Topics;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.service.experiments.ConfidenceIntervals;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.experience.support.Neighbours;
import app.inbo.experience.support.Pages;
import app.inbo.testing.EventTap;
import app.inbo.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The variant of the recommendation list is recorded on the render, carried by the interactions made on it (event
 * and metrics), and the admin report counts the recommended section per variant from the stored rows.
 */
@QuarkusTest
class ExperimentReportTest {

    private static final double EPSILON = 1e-9;

    @Inject
    CatalogRepository catalog;

    @Inject
    MeterRegistry registry;

    private final EventTap interactions = EventTap.on(Topics.INTERACTIONS);
    private final String experiment = "it-report-" + Long.toString(System.nanoTime(), 36);
    private final List<UUID> recommended = new ArrayList<>();
    private UUID elsewhere;

    @BeforeEach
    void catalogItems() {
        Neighbours.allUp();
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            for (int i = 0; i < 4; i++) {
                recommended.add(fixture.newsletter("ab-" + i, 1 + i, CatalogFixture.category("ab")));
            }
            elsewhere = fixture.newsletter("ab-elsewhere", 2, CatalogFixture.category("ab"));
            fixture.awaitProjected();
        }
    }

    @Test
    void theReportCountsEachVariantsRecommendedSectionWithConfidenceIntervals() {
        Map<String, List<Visit>> visits = new HashMap<>();
        for (String variant : List.of("control", "treatment")) {
            for (int i = 0; i < 3; i++) {
                visits.computeIfAbsent(variant, v -> new ArrayList<>()).add(visit(new ExperimentVariant(experiment, variant)));
            }
        }
        Visit outsider = visit(null);

        List<Visit> control = visits.get("control");
        control.get(0).interact(rec(0, "click", null), rec(0, "click", null), rec(0, "open", 3000L));
        control.get(1).interact(rec(1, "click", null), rec(2, "view", null));
        List<Visit> treatment = visits.get("treatment");
        List<String> ids = treatment.get(0).interact(rec(0, "click", null), rec(1, "click", null), rec(1, "complete", 5000L));
        treatment.get(1).interact(rec(0, "click", null), rec(0, "open", 7000L));
        // neither is an impression of the recommended section: another section, an item the section did not show
        treatment.get(2).interact(Map.of("item_id", recommended.get(3).toString(), "section_type", "trending",
                "interaction_type", "click"), Map.of("item_id", elsewhere.toString(), "section_type", "recommended",
                "interaction_type", "click"));
        List<String> outside = outsider.interact(rec(0, "click", null));

        InteractionRecorded event = event(ids.get(0));
        assertEquals(new ExperimentVariant(experiment, "treatment"), event.variant());
        assertNull(event(outside.get(0)).variant(), "a render outside experiments has no variant");

        String body = given().auth().oauth2(TestTokens.admin(UUID.randomUUID()))
                .when().get("/api/experience/admin/experiments/" + experiment + "/report")
                .then().statusCode(200).body("experiment", equalTo(experiment)).extract().asString();
        // numbers as doubles: the default (floats) would round the rates before they are compared
        JsonPath report = new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertEquals(List.of("control", "treatment"), report.getList("variants.variant"));

        assertVariant(report, 0, 3, 12, 2, 1, 0);
        assertEquals(1, report.getInt("variants[0].dwell_ms.count"));
        assertEquals(3000.0, report.getDouble("variants[0].dwell_ms.mean"), EPSILON);
        assertNull(report.get("variants[0].dwell_ms.interval"), "one value has no interval");

        assertVariant(report, 1, 3, 12, 3, 1, 1);
        assertEquals(2, report.getInt("variants[1].dwell_ms.count"));
        assertEquals(6000.0, report.getDouble("variants[1].dwell_ms.mean"), EPSILON);
        ConfidenceIntervals.Interval dwell = ConfidenceIntervals.mean(6000, Math.sqrt(2_000_000), 2, ConfidenceIntervals.Z_95);
        assertEquals(dwell.low(), report.getDouble("variants[1].dwell_ms.interval.low"), 1e-6);
        assertEquals(dwell.high(), report.getDouble("variants[1].dwell_ms.interval.high"), 1e-6);

        // the metrics count interactions (both of control's clicks on one item, the click on an item not shown)
        assertEquals(12, counter("experience_experiment_impressions_total", "control"));
        assertEquals(3, counter("experience_experiment_renders_total", "treatment"));
        assertEquals(3, counter("experience_experiment_clicks_total", "control"));
        assertEquals(4, counter("experience_experiment_clicks_total", "treatment"));
        assertEquals(1, counter("experience_experiment_completions_total", "treatment"));
        assertEquals(1, counter("experience_experiment_reads_total", "control"));
        assertEquals(2, registry.find("experience_experiment_dwell_seconds").tags("experiment", experiment,
                "variant", "treatment").summary().count());
    }

    @Test
    void theReportIsForAdminsAndNamesBadInput() {
        given().auth().oauth2(TestTokens.user(UUID.randomUUID()))
                .when().get("/api/experience/admin/experiments/" + experiment + "/report").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID()))
                .when().get("/api/experience/admin/experiments/Not Valid/report").then().statusCode(400)
                .body("invalid_params.name", hasItem("name"));
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID()))
                .when().get("/api/experience/admin/experiments/" + experiment + "-unknown/report").then().statusCode(200)
                .body("variants.size()", equalTo(0));
    }

    private static void assertVariant(JsonPath report, int i, long renders, long impressions, long clicks, long reads,
                                      long completions) {
        String at = "variants[" + i + "].";
        assertEquals(renders, report.getLong(at + "renders"));
        assertEquals(impressions, report.getLong(at + "impressions"));
        assertRate(report, at + "clicks", clicks, impressions);
        assertRate(report, at + "reads", reads, impressions);
        assertRate(report, at + "completions", completions, impressions);
    }

    private static void assertRate(JsonPath report, String at, long count, long impressions) {
        assertEquals(count, report.getLong(at + ".count"), at);
        assertEquals((double) count / impressions, report.getDouble(at + ".rate"), EPSILON, at);
        ConfidenceIntervals.Interval wilson = ConfidenceIntervals.wilson(count, impressions, ConfidenceIntervals.Z_95);
        assertEquals(wilson.low(), report.getDouble(at + ".interval.low"), 1e-6, at);
        assertEquals(wilson.high(), report.getDouble(at + ".interval.high"), 1e-6, at);
    }

    private double counter(String name, String variant) {
        return registry.find(name).tags("experiment", experiment, "variant", variant).counter().count();
    }

    /** A new user's home page, its recommendations ranked by {@code variant} (null: outside experiments). */
    private Visit visit(ExperimentVariant variant) {
        UUID user = UUID.randomUUID();
        Neighbours.recommendations(user, new RecommendationList(recommended.stream()
                .map(id -> new RecommendedItem(id, ItemType.NEWSLETTER, "rec", List.of(), 0.9, "category_affinity"))
                .toList(), false, variant));
        String token = TestTokens.user(user);
        JsonPath page = Pages.home(token);
        assertEquals(recommended.stream().map(UUID::toString).toList(), Pages.itemIds(page, "recommended"));
        return new Visit(token, page.getString("render_id"));
    }

    /** An interaction with the {@code index}th recommended item. */
    private Map<String, Object> rec(int index, String type, Long dwellMs) {
        Map<String, Object> interaction = new HashMap<>(Map.of("item_id", recommended.get(index).toString(),
                "section_type", "recommended", "position", index, "interaction_type", type));
        if (dwellMs != null) {
            interaction.put("dwell_time_ms", dwellMs);
        }
        return interaction;
    }

    private InteractionRecorded event(String interactionId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !interactions.events(e -> matches(e, interactionId)).isEmpty());
        return (InteractionRecorded) interactions.events(e -> matches(e, interactionId)).get(0).payload();
    }

    private static boolean matches(EventEnvelope<EventPayload> event, String interactionId) {
        return event.payload() instanceof InteractionRecorded i && interactionId.equals(i.interactionId().toString());
    }

    private record Visit(String token, String renderId) {
        @SafeVarargs
        final List<String> interact(Map<String, Object>... interactions) {
            List<Map<String, Object>> onRender = new ArrayList<>();
            for (Map<String, Object> interaction : interactions) {
                Map<String, Object> withRender = new HashMap<>(interaction);
                withRender.put("render_id", renderId);
                onRender.add(withRender);
            }
            return Pages.interact(token, onRender);
        }
    }
}
