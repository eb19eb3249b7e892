package app.inbo.experience;

import app.inbo.contracts.api.CategoryWeight;
import app.inbo.contracts.api.UserProfile;
import app.inbo.contracts.events.CategoryRef;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.service.popularity.TrendingBoard;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.experience.support.Neighbours;
import app.inbo.experience.support.Neighbours.Mode;
import app.inbo.experience.support.Neighbours.Service;
import app.inbo.experience.support.Pages;
import app.inbo.experience.support.ReadingFixture;
import app.inbo.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A neighbour that is down, slow or failing degrades its sections; the page is still served. */
@QuarkusTest
class DegradationTest {

    @Inject
    CatalogRepository catalog;

    @Inject
    TrendingBoard trending;

    @Inject
    MeterRegistry registry;

    @Inject
    AgroalDataSource db;

    private final UUID user = UUID.randomUUID();
    private final String token = TestTokens.user(user);
    private UUID unfinished;
    private CategoryRef preferred;

    @BeforeEach
    void userWithHistory() {
        Neighbours.allUp();
        List<UUID> hot = new ArrayList<>();
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            preferred = CatalogFixture.category("history");
            unfinished = fixture.newsletter("half-read", 5, preferred);
            for (int i = 0; i < 6; i++) {
                hot.add(fixture.newsletter("popular-" + i, 10 + i, preferred));
            }
            fixture.awaitProjected();
        }
        List<Map<String, Object>> clicks = new ArrayList<>();
        hot.forEach(id -> clicks.add(Pages.click(id)));
        Pages.interact(TestTokens.user(UUID.randomUUID()), clicks);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            trending.refresh().await().indefinitely();
            return trending.top(200).await().indefinitely().value().entries().stream().anyMatch(e -> e.itemId().equals(hot.get(0)));
        });
        try (ReadingFixture reading = new ReadingFixture(db)) {
            reading.read(user, unfinished, 50, Instant.now()).awaitProjected(user, unfinished, 50);
        }
        Neighbours.profile(user, new UserProfile(user, List.of(new CategoryWeight(preferred.id(), "history", 1.0)),
                List.of(), List.of(), Instant.now()));
    }

    @AfterEach
    void neighboursBack() {
        Neighbours.allUp();
        // the circuit breakers close after their delay and two good calls
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> Pages.degraded(Pages.home(token)).isEmpty());
    }

    /**
     * One call brings the recommendations and the profile: without it, {@code recommended} is filled by popularity,
     * {@code for_you_categories} is left out, and category affinity is neutral on every item.
     */
    @Test
    void recommendationDownFallsBackToPopularityWithNeutralAffinity() {
        double before = failures("recommended", "unavailable");
        double beforeCategories = failures("for_you_categories", "unavailable");
        Neighbours.set(Service.RECOMMENDATIONS, Mode.DOWN);

        JsonPath page = Pages.home(token);

        assertTrue(Pages.sectionTypes(page).contains("recommended"));
        assertFalse(Pages.sectionTypes(page).contains("for_you_categories"));
        assertEquals(List.of(Map.of("section", "for_you_categories", "reason", "unavailable"),
                Map.of("section", "recommended", "reason", "unavailable")), Pages.degraded(page));
        List<String> sources = page.getList("sections.find { it.type == 'recommended' }.items.metadata.source", String.class);
        assertFalse(sources.isEmpty());
        assertTrue(sources.stream().allMatch("popularity_fallback"::equals));
        List<Float> popularity = page.getList("sections.find { it.type == 'recommended' }.items.metadata.popularity", Float.class);
        assertTrue(popularity.get(0) > 0, "the most popular items: " + popularity);
        List<Float> affinities = page.getList("sections.items.metadata.affinity.flatten()", Float.class);
        assertFalse(affinities.isEmpty());
        assertTrue(affinities.stream().allMatch(a -> a == 0.5f), "neutral affinity everywhere: " + affinities);
        assertEquals(before + 1, failures("recommended", "unavailable"));
        assertEquals(beforeCategories + 1, failures("for_you_categories", "unavailable"));
    }

    @Test
    void slowRecommendationTimesOutAndThePageStillComesQuickly() {
        double before = failures("recommended", "timeout");
        Neighbours.set(Service.RECOMMENDATIONS, Mode.SLOW);

        long start = System.nanoTime();
        JsonPath page = Pages.home(token);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(List.of(Map.of("section", "for_you_categories", "reason", "timeout"),
                Map.of("section", "recommended", "reason", "timeout")), Pages.degraded(page));
        assertTrue(tookMs < 1800, "served in " + tookMs + " ms while the recommendation service takes 2 s");
        assertEquals(before + 1, failures("recommended", "timeout"));
    }

    @Test
    void repeatedFailuresOpenTheCircuit() {
        Neighbours.set(Service.RECOMMENDATIONS, Mode.DOWN);
        await().atMost(Duration.ofSeconds(10)).until(() -> Pages.degraded(Pages.home(token))
                .equals(List.of(Map.of("section", "for_you_categories", "reason", "circuit_open"),
                        Map.of("section", "recommended", "reason", "circuit_open"))));
        assertTrue(failures("recommended", "circuit_open") >= 1);
    }

    /**
     * The reading service is never called for a page (this test has none): continue_reading comes from the reading
     * events projected here, so it is served with every neighbour away.
     */
    @Test
    void everythingDownStillServesAPage() {
        Neighbours.set(Service.RECOMMENDATIONS, Mode.DOWN);

        JsonPath page = Pages.home(token);

        // which of trending and fresh have items left depends on the rest of the catalog other tests left
        assertEquals(List.of("continue_reading", "recommended"), Pages.sectionTypes(page).subList(0, 2));
        assertFalse(Pages.sectionTypes(page).contains("for_you_categories"));
        assertEquals(List.of(unfinished.toString()), Pages.itemIds(page, "continue_reading"));
        assertEquals(List.of("for_you_categories", "recommended"),
                Pages.degraded(page).stream().map(d -> d.get("section")).toList());
    }

    private double failures(String section, String reason) {
        return registry.counter("experience_section_failures_total", "section", section, "reason", reason).count();
    }
}
