package app.inbo.experience;

import app.inbo.contracts.api.RecommendationList;
import app.inbo.contracts.api.RecommendedItem;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.redis.RedisKeys;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.service.popularity.TrendingBoard;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.experience.support.Neighbours;
import app.inbo.experience.support.Pages;
import app.inbo.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new user's home has trending items on a quiet service: nobody interacted in the last hour (the 48-hour board
 * still counts earlier hours), nor in the whole window (the board falls back to the last 7 days). Each test starts
 * from no trending data at all (this module's own Redis database; the other tests write theirs before they read).
 */
@QuarkusTest
class TrendingFallbackTest {

    @Inject
    TrendingBoard trending;

    @Inject
    RedisDataSource redis;

    @Inject
    CatalogRepository catalog;

    private List<UUID> items;

    @BeforeEach
    void quietService() {
        Neighbours.allUp();
        for (String key : redis.key().keys("exp:trending:*")) {
            redis.key().del(key);
        }
        items = new ArrayList<>();
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            for (int i = 0; i < 3; i++) {
                items.add(fixture.newsletter("quiet-" + i, 90 + i));
            }
            fixture.awaitProjected();
        }
    }

    @Test
    void interactionsHoursAgoButNoneInTheLastHourStillTrend() {
        long hour = Instant.now().getEpochSecond() / 3600;
        clicked(hour - 3, items.get(0), 5);
        clicked(hour - 5, items.get(1), 2);

        assertEquals(2, trending.refresh().await().indefinitely());
        assertFalse(trending.onFallbackWindow(), "the window's hours count");
        assertEquals(List.of(items.get(0).toString(), items.get(1).toString()), trendingOfNewUser());
    }

    @Test
    void nothingInTheWindowFallsBackToTheLastSevenDays() {
        long hour = Instant.now().getEpochSecond() / 3600;
        clicked(hour - 72, items.get(1), 1);
        clicked(hour - 100, items.get(2), 100);
        clicked(hour - 24 * 8, items.get(0), 1000);

        assertEquals(2, trending.refresh().await().indefinitely(), "the two items of the last 7 days");
        assertTrue(trending.onFallbackWindow());
        List<String> shown = trendingOfNewUser();
        assertEquals(List.of(items.get(2).toString(), items.get(1).toString()), shown,
                "by decayed weight (6 h half-life): 100 clicks 100 h ago outweigh 1 click 72 h ago; 8 days ago is out");

        // one interaction in the window and the board is the window's again
        clicked(hour, items.get(0), 1);
        assertEquals(1, trending.refresh().await().indefinitely());
        assertFalse(trending.onFallbackWindow());
        assertEquals(List.of(items.get(0).toString()), trendingOfNewUser());
    }

    /**
     * The recommender's cold start is popularity too: on a board smaller than a section, trending claims its items
     * before recommended does, so a new user still sees a trending section.
     */
    @Test
    void aSmallBoardIsNotAllTakenByTheColdStartRecommendations() {
        long hour = Instant.now().getEpochSecond() / 3600;
        clicked(hour - 2, items.get(0), 3);
        clicked(hour - 2, items.get(1), 2);
        assertEquals(2, trending.refresh().await().indefinitely());
        UUID user = UUID.randomUUID();
        Neighbours.recommendations(user, new RecommendationList(items.stream()
                .map(id -> new RecommendedItem(id, ItemType.NEWSLETTER, "quiet", List.of(), 0.5, "popular")).toList(), false));

        JsonPath page = Pages.home(TestTokens.user(user));
        assertEquals(List.of(items.get(0).toString(), items.get(1).toString()), Pages.itemIds(page, "trending"));
        assertEquals(List.of(items.get(2).toString()), Pages.itemIds(page, "recommended"));
    }

    @Test
    void nothingInSevenDaysLeavesTrendingOut() {
        assertEquals(0, trending.refresh().await().indefinitely());
        assertFalse(Pages.sectionTypes(Pages.home(TestTokens.user(UUID.randomUUID()))).contains("trending"));
    }

    @Test
    void hourBucketsLiveAsLongAsTheFallbackWindow() {
        Pages.interact(TestTokens.user(UUID.randomUUID()), List.of(Pages.click(items.get(0))));
        String current = RedisKeys.trendingHour(Instant.now().getEpochSecond() / 3600);
        org.awaitility.Awaitility.await().until(() -> redis.key().ttl(current) > 0);
        assertTrue(redis.key().ttl(current) > 168 * 3600L, "a bucket outlives the 7-day fallback window");
    }

    private void clicked(long epochHour, UUID item, double weight) {
        redis.sortedSet(String.class).zincrby(RedisKeys.trendingHour(epochHour), weight, item.toString());
    }

    private List<String> trendingOfNewUser() {
        JsonPath page = Pages.home(TestTokens.user(UUID.randomUUID()));
        assertTrue(Pages.sectionTypes(page).contains("trending"), "sections " + Pages.sectionTypes(page));
        return Pages.itemIds(page, "trending");
    }
}
