package app.inbo.recommendation.service;

import app.inbo.contracts.api.RecommendedItem;
import app.inbo.contracts.events.ItemType;
import app.inbo.recommendation.domain.Candidate;
import app.inbo.recommendation.service.RecommendationRanker.UserSignals;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure ranking logic, at a fixed "now". */
class RecommendationRankerTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final RankingPolicy POLICY = new RankingPolicy(1.0, 1.2, 0.6, 0.3, 0.2, 168, 0.3, 0.8, 3, 10);

    private final List<UUID> categories = List.of(id(1), id(2), id(3), id(4), id(5));
    private final List<Candidate> catalog = new ArrayList<>();

    RecommendationRankerTest() {
        // 5 categories x 8 items; popularity falls with the item index, category 0 is the most popular overall
        for (int c = 0; c < categories.size(); c++) {
            for (int i = 0; i < 8; i++) {
                catalog.add(new Candidate(id(100 + c * 10 + i), ItemType.POST, "c" + c + "-" + i,
                        List.of(categories.get(c)), List.of("cat-" + c), (5 - c) * 10.0 + (8 - i), 0,
                        NOW.minus(Duration.ofDays(c + i))));
            }
        }
    }

    @Test
    void coldStartServesPopularAndFreshItems() {
        List<RecommendedItem> top = RecommendationRanker.rank(UserSignals.none(), catalog, NOW, POLICY, 10);
        assertEquals(10, top.size());
        assertTrue(top.stream().allMatch(i -> Set.of("popular", "fresh").contains(i.reason())), top.toString());
        assertEquals("c0-0", top.get(0).title(), "the most popular and freshest item leads");
    }

    @Test
    void affinityRanksThePreferredCategoryFirstWithReason() {
        UserSignals user = new UserSignals(Map.of(categories.get(3), 4.0, categories.get(1), 1.0), Set.of(), Set.of());
        List<RecommendedItem> top = RecommendationRanker.rank(user, catalog, NOW, POLICY, 10);
        assertEquals(List.of("cat-3"), top.get(0).categories());
        assertEquals("category_affinity", top.get(0).reason());
        long preferred = top.stream().filter(i -> i.categories().contains("cat-3")).count();
        assertTrue(preferred >= 4, "the preferred category dominates the top 10: " + preferred);
        assertTrue(top.get(0).score() > top.get(9).score());
    }

    @Test
    void completedAndDismissedItemsNeverAppear() {
        Set<UUID> excluded = new HashSet<>();
        catalog.stream().filter(c -> c.categoryIds().contains(categories.get(2))).limit(6).forEach(c -> excluded.add(c.id()));
        UserSignals user = new UserSignals(Map.of(categories.get(2), 5.0), excluded, Set.of());
        List<RecommendedItem> all = RecommendationRanker.rank(user, catalog, NOW, POLICY, 50);
        assertEquals(catalog.size() - excluded.size(), all.size());
        assertTrue(all.stream().noneMatch(i -> excluded.contains(i.id())));
    }

    @Test
    void everyTopTenHasAtLeastThreeCategoriesEvenForANarrowTaste() {
        UserSignals narrow = new UserSignals(Map.of(categories.get(4), 10.0), Set.of(), Set.of());
        List<RecommendedItem> top = RecommendationRanker.rank(narrow, catalog, NOW, POLICY, 20);
        for (int window = 0; window < 2; window++) {
            Set<String> distinct = new HashSet<>();
            top.subList(window * 10, window * 10 + 10).forEach(i -> distinct.addAll(i.categories()));
            assertTrue(distinct.size() >= 3, "window " + window + " has " + distinct);
        }
    }

    @Test
    void diversityYieldsWhenTheCatalogHasFewerCategories() {
        List<Candidate> twoCategories = catalog.stream()
                .filter(c -> c.categoryIds().contains(categories.get(0)) || c.categoryIds().contains(categories.get(1))).toList();
        List<RecommendedItem> top = RecommendationRanker.rank(UserSignals.none(), twoCategories, NOW, POLICY, 10);
        assertEquals(10, top.size(), "never fewer items for want of categories");
    }

    @Test
    void coEngagementSurfacesItemsOthersEngagedWith() {
        List<Candidate> withCo = new ArrayList<>(catalog);
        Candidate quiet = catalog.get(catalog.size() - 1);
        withCo.remove(quiet);
        withCo.add(new Candidate(quiet.id(), quiet.type(), quiet.title(), quiet.categoryIds(), quiet.categorySlugs(),
                quiet.popularity(), 7, quiet.freshAt()));
        List<RecommendedItem> top = RecommendationRanker.rank(UserSignals.none(), withCo, NOW, POLICY, 10);
        RecommendedItem found = top.stream().filter(i -> i.id().equals(quiet.id())).findFirst().orElseThrow();
        assertEquals("co_engagement", found.reason());
    }

    @Test
    void itemsAlreadyEngagedWithAreDampedNotHidden() {
        Candidate best = catalog.get(0);
        UserSignals user = new UserSignals(Map.of(), Set.of(), Set.of(best.id()));
        List<RecommendedItem> all = RecommendationRanker.rank(user, catalog, NOW, POLICY, 50);
        assertFalse(all.get(0).id().equals(best.id()));
        assertTrue(all.stream().anyMatch(i -> i.id().equals(best.id())));
    }

    @Test
    void dismissalsPushACategoryDown() {
        UserSignals user = new UserSignals(Map.of(categories.get(0), -3.0, categories.get(1), 1.0), Set.of(), Set.of());
        List<RecommendedItem> top = RecommendationRanker.rank(user, catalog, NOW, POLICY, 10);
        long disliked = top.stream().filter(i -> i.categories().contains("cat-0")).count();
        assertTrue(disliked <= 1, "at most a diversity slot for a disliked category: " + disliked);
    }

    private static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-%012d", n));
    }
}
