package app.inbo.experience;

import app.inbo.contracts.api.CategoryWeight;
import app.inbo.contracts.api.ContinueReadingItem;
import app.inbo.contracts.api.ContinueReadingList;
import app.inbo.contracts.api.UserProfile;
import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.ItemType;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.service.TrendingBoard;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.experience.support.Neighbours;
import app.inbo.experience.support.Neighbours.Mode;
import app.inbo.experience.support.Neighbours.Service;
import app.inbo.experience.support.Pages;
import app.inbo.testing.TestTokens;
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

/** A neighbour that is down, slow or failing degrades its section; the page is still served. */
@QuarkusTest
class DegradationTest {

    @Inject
    CatalogRepository catalog;

    @Inject
    TrendingBoard trending;

    @Inject
    MeterRegistry registry;

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
        Neighbours.continueReading(user, new ContinueReadingList(List.of(new ContinueReadingItem(unfinished,
                ItemType.NEWSLETTER, "half-read", null, "https://inbo.app/n/half-read", 50, Instant.now(), null))));
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

    @Test
    void readingDownLeavesOutContinueReading() {
        double before = failures("continue_reading", "unavailable");
        Neighbours.set(Service.READING, Mode.DOWN);

        JsonPath page = Pages.home(token);

        assertFalse(Pages.sectionTypes(page).contains("continue_reading"));
        assertTrue(Pages.sectionTypes(page).contains("trending"));
        assertEquals(List.of(Map.of("section", "continue_reading", "reason", "unavailable")), Pages.degraded(page));
        assertEquals(before + 1, failures("continue_reading", "unavailable"));
    }

    @Test
    void readingThatDropsTheConnectionIsUnavailable() {
        Neighbours.set(Service.READING, Mode.DROP);
        assertEquals(List.of(Map.of("section", "continue_reading", "reason", "unavailable")),
                Pages.degraded(Pages.home(token)));
    }

    @Test
    void slowReadingTimesOutAndThePageStillComesQuickly() {
        double before = failures("continue_reading", "timeout");
        Neighbours.set(Service.READING, Mode.SLOW);

        long start = System.nanoTime();
        JsonPath page = Pages.home(token);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(List.of(Map.of("section", "continue_reading", "reason", "timeout")), Pages.degraded(page));
        assertTrue(tookMs < 1800, "served in " + tookMs + " ms while the reading service takes 2 s");
        assertEquals(before + 1, failures("continue_reading", "timeout"));
    }

    @Test
    void recommendationDownFallsBackToPopularity() {
        Neighbours.set(Service.RECOMMENDATIONS, Mode.DOWN);

        JsonPath page = Pages.home(token);

        assertTrue(Pages.sectionTypes(page).contains("recommended"));
        assertEquals(List.of(Map.of("section", "recommended", "reason", "unavailable")), Pages.degraded(page));
        List<String> sources = page.getList("sections.find { it.type == 'recommended' }.items.metadata.source", String.class);
        assertFalse(sources.isEmpty());
        assertTrue(sources.stream().allMatch("popularity_fallback"::equals));
        List<Float> popularity = page.getList("sections.find { it.type == 'recommended' }.items.metadata.popularity", Float.class);
        assertTrue(popularity.get(0) > 0, "the most popular items: " + popularity);
    }

    @Test
    void slowRecommendationTimesOut() {
        Neighbours.set(Service.RECOMMENDATIONS, Mode.SLOW);
        assertEquals(List.of(Map.of("section", "recommended", "reason", "timeout")), Pages.degraded(Pages.home(token)));
    }

    @Test
    void profileUnavailableMakesAffinityNeutral() {
        double before = failures("for_you_categories", "unavailable");
        Neighbours.set(Service.PROFILE, Mode.DOWN);

        JsonPath page = Pages.home(token);

        assertFalse(Pages.sectionTypes(page).contains("for_you_categories"));
        assertEquals(List.of(Map.of("section", "for_you_categories", "reason", "unavailable")), Pages.degraded(page));
        List<Float> affinities = page.getList("sections.items.metadata.affinity.flatten()", Float.class);
        assertFalse(affinities.isEmpty());
        assertTrue(affinities.stream().allMatch(a -> a == 0.5f), "neutral affinity everywhere: " + affinities);
        assertEquals(before + 1, failures("for_you_categories", "unavailable"));
    }

    @Test
    void repeatedFailuresOpenTheCircuit() {
        Neighbours.set(Service.READING, Mode.DOWN);
        await().atMost(Duration.ofSeconds(10)).until(() -> Pages.degraded(Pages.home(token))
                .equals(List.of(Map.of("section", "continue_reading", "reason", "circuit_open"))));
        assertTrue(failures("continue_reading", "circuit_open") >= 1);
    }

    @Test
    void everythingDownStillServesAPage() {
        Neighbours.set(Service.READING, Mode.DOWN);
        Neighbours.set(Service.RECOMMENDATIONS, Mode.DOWN);
        Neighbours.set(Service.PROFILE, Mode.DOWN);

        JsonPath page = Pages.home(token);

        assertEquals(List.of("recommended", "trending", "fresh"), Pages.sectionTypes(page));
        assertEquals(List.of("for_you_categories", "continue_reading", "recommended"),
                Pages.degraded(page).stream().map(d -> d.get("section")).toList());
    }

    private double failures(String section, String reason) {
        return registry.counter("experience_section_failures_total", "section", section, "reason", reason).count();
    }
}
