package app.inbo.experience.service.home;

import app.inbo.contracts.api.CategoryWeight;
import app.inbo.contracts.api.PageRecommendations;
import app.inbo.contracts.api.RecommendationList;
import app.inbo.contracts.api.RecommendedItem;
import app.inbo.contracts.api.UserProfile;
import app.inbo.experience.client.Fetched;
import app.inbo.experience.client.RecommendationClient;
import app.inbo.experience.config.ExperienceConfig;
import app.inbo.experience.domain.CatalogEntry;
import app.inbo.experience.domain.FollowStore;
import app.inbo.experience.domain.InteractionStore;
import app.inbo.experience.service.home.scoring.ItemScorer;
import app.inbo.experience.service.home.scoring.ScoringWeights;
import app.inbo.experience.service.popularity.TrendingBoard;
import app.inbo.experience.service.projections.CatalogLists;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Composes the home page for one user, on the request's worker thread: the local catalog, the trending board held
 * in memory and the user's state (dismissed, completed and unfinished items, projected locally from the
 * interactions and the reading events) are read, then the recommendation service is asked (one guarded call, see
 * the client: the recommendations and the user's profile); a missing answer degrades its section and the page is
 * served anyway. Sections are filled in priority order
 * followed, continue_reading, recommended, for_you_categories, trending, fresh (an item appears once, in the first
 * section that claims it; for a user without preferences trending comes before recommended, whose cold-start items
 * are popular ones too) and shown in display order {@link SectionType}: {@code followed} holds the newest posts of
 * the newsletters the user follows, first. Items the user completed or dismissed are never shown.
 * Database statements are a fixed number whatever the page holds: the user's state, the followed posts, the render,
 * and — when {@link CatalogLists} does not hold them yet — the newest items, those of each preferred category, and
 * the other items by id.
 */
@ApplicationScoped
public class HomeScreen {

    public static final String PAGE = "home";

    @Inject
    RecommendationClient recommendations;

    @Inject
    TrendingBoard trending;

    @Inject
    CatalogLists lists;

    @Inject
    InteractionStore interactions;

    @Inject
    FollowStore follows;

    @Inject
    RenderRecorder renders;

    @Inject
    SectionFailures failures;

    @Inject
    ExperienceConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private ItemScorer scorer;
    private Counter freshnessFallback;

    @PostConstruct
    void init() {
        ExperienceConfig.Scoring scoring = config.scoring();
        scorer = new ItemScorer(new ScoringWeights(scoring.affinityWeight(), scoring.freshnessWeight(),
                scoring.popularityWeight()), scoring.neutralAffinity());
        freshnessFallback = registry.counter("experience_freshness_fallback_total");
    }

    public HomePage compose(UUID userId, String sessionId) {
        Instant now = Instant.now(clock);
        int size = config.home().sectionSize();
        int pool = config.home().candidatePool();
        CompletableFuture<Fetched<TrendingBoard.Board>> boardCall = start(trending.top(pool));

        List<CatalogEntry> newest = lists.newest(pool);
        // unfinished items beyond a section's worth leave room for those the user dismissed or that left the catalog
        InteractionStore.UserState state = interactions.userState(userId, 2 * size);
        // beyond a section's worth: room for posts the user already read or dismissed
        List<CatalogEntry> followed = follows.newestFollowedPosts(userId, now.minus(config.home().followedPostsMaxAge()),
                2 * size);
        Set<UUID> excluded = new HashSet<>(state.excluded());

        List<HomePage.Degraded> degraded = new ArrayList<>();
        Fetched<PageRecommendations> recommender = recommendations.forPage(userId, config.home().recommendationLimit());
        List<CategoryWeight> preferred = null;
        if (recommender.ok()) {
            UserProfile known = recommender.value().profile();
            preferred = known.preferredCategories() == null ? List.of() : known.preferredCategories();
            addAll(excluded, known.completedItems());
            addAll(excluded, known.dismissedItems());
        } else {
            degraded.add(failures.report(SectionType.FOR_YOU_CATEGORIES, "recommendation service (profile)", recommender));
        }
        List<CatalogEntry> inCategories = preferred == null || preferred.isEmpty() ? List.of()
                : lists.newestInCategories(preferred.stream().map(CategoryWeight::categoryId).toList(), pool);

        Fetched<TrendingBoard.Board> board = await(boardCall);
        Fetched<RecommendationList> recs = recommender.map(PageRecommendations::recommendations);
        List<TrendingBoard.Entry> popular = board.ok() ? board.value().entries() : List.of();
        if (!board.ok()) {
            degraded.add(failures.report(SectionType.TRENDING, "redis (trending board)", board));
        }

        Map<UUID, CatalogEntry> known = new HashMap<>();
        newest.forEach(e -> known.put(e.id(), e));
        inCategories.forEach(e -> known.put(e.id(), e));
        followed.forEach(e -> known.put(e.id(), e));
        Set<UUID> wanted = new LinkedHashSet<>();
        popular.forEach(e -> wanted.add(e.itemId()));
        recs.answer().ifPresent(list -> list.items().forEach(item -> wanted.add(item.id())));
        state.unfinished().forEach(item -> wanted.add(item.itemId()));
        wanted.removeAll(known.keySet());
        known.putAll(lists.findLive(wanted));

        Map<UUID, Double> popularity = new HashMap<>();
        popular.forEach(e -> popularity.put(e.itemId(), e.score()));
        Set<UUID> offBoard = new HashSet<>(known.keySet());
        offBoard.removeAll(popularity.keySet());
        if (board.ok() && !offBoard.isEmpty()) {
            Fetched<Map<UUID, Double>> scores = await(start(trending.scoresOf(offBoard)));
            scores.answer().ifPresent(popularity::putAll);
        }
        double boardMaximum = board.ok() ? board.value().maximum() : 0;

        Scores scores = new Scores(preferred, boardMaximum, popularity, now);
        Picker picker = new Picker(excluded, size);
        Map<SectionType, List<HomePage.ShownItem>> filled = new EnumMap<>(SectionType.class);

        filled.put(SectionType.FOLLOWED, picker.pick(followed, scores, ItemMetadata.Why.FOLLOWED_NEWSLETTER));
        filled.put(SectionType.CONTINUE_READING, picker.pickUnfinished(state.unfinished(), known, scores));
        // a user without preferences gets popular items from the recommender too: trending claims the board first,
        // so a small board (a quiet service) is not all taken by `recommended` and a new user's home keeps trending
        boolean coldStart = preferred != null && preferred.isEmpty();
        if (coldStart) {
            filled.put(SectionType.TRENDING, picker.pick(entries(popular, known), scores, ItemMetadata.Why.SCORE));
        }
        if (recs.ok()) {
            filled.put(SectionType.RECOMMENDED, picker.pickRecommended(recs.value().items(), known, scores));
        } else {
            degraded.add(failures.report(SectionType.RECOMMENDED, "recommendation service", recs));
            filled.put(SectionType.RECOMMENDED, picker.pick(entries(popular, known), scores,
                    ItemMetadata.Why.POPULARITY_FALLBACK));
        }
        if (preferred != null && !preferred.isEmpty()) {
            filled.put(SectionType.FOR_YOU_CATEGORIES, picker.pick(scores.best(inCategories), scores,
                    ItemMetadata.Why.SCORE));
        }
        if (!coldStart) {
            filled.put(SectionType.TRENDING, picker.pick(entries(popular, known), scores, ItemMetadata.Why.SCORE));
        }
        filled.put(SectionType.FRESH, picker.pick(newest, scores, ItemMetadata.Why.SCORE));

        List<HomePage.Section> sections = new ArrayList<>();
        for (SectionType type : SectionType.values()) {
            List<HomePage.ShownItem> items = filled.get(type);
            if (items != null && !items.isEmpty()) {
                sections.add(new HomePage.Section(type.wireName(), items));
            }
        }
        long fallbacks = sections.stream().flatMap(s -> s.items().stream())
                .filter(item -> Boolean.TRUE.equals(item.metadata().freshnessUnknown())).count();
        if (fallbacks > 0) {
            freshnessFallback.increment(fallbacks);
        }
        HomePage page = new HomePage(UUID.randomUUID(), sections, degraded);
        // the variant that ranked the recommended section; none when the section fell back to popularity
        renders.record(page, userId, PAGE, sessionId, now, recs.answer().map(RecommendationList::variant).orElse(null));
        return page;
    }

    private static List<CatalogEntry> entries(List<TrendingBoard.Entry> popular, Map<UUID, CatalogEntry> known) {
        List<CatalogEntry> entries = new ArrayList<>();
        for (TrendingBoard.Entry entry : popular) {
            CatalogEntry item = known.get(entry.itemId());
            if (item != null) {
                entries.add(item);
            }
        }
        return entries;
    }

    private static void addAll(Set<UUID> into, List<UUID> ids) {
        if (ids != null) {
            into.addAll(ids);
        }
    }

    private static <T> CompletableFuture<T> start(Uni<T> call) {
        return call.subscribeAsCompletionStage();
    }

    /** The calls end by their own timeouts and fallbacks; the guard only bounds a broken fault-tolerance setup. */
    private <T> T await(CompletableFuture<T> call) {
        try {
            return call.get(config.home().pageReadsGuard().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while composing the home page", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a guarded call neither answered nor fell back in time", e);
        }
    }

    /** Scores items for this page, each once. */
    private final class Scores {
        private final List<CategoryWeight> preferred;
        private final double boardMaximum;
        private final Map<UUID, Double> popularity;
        private final Instant now;
        private final Map<UUID, ItemScorer.ItemScore> cache = new HashMap<>();

        Scores(List<CategoryWeight> preferred, double boardMaximum, Map<UUID, Double> popularity, Instant now) {
            this.preferred = preferred;
            this.boardMaximum = boardMaximum;
            this.popularity = popularity;
            this.now = now;
        }

        /** {@code entries} by score, best first (equal scores keep their order); each scored once. */
        List<CatalogEntry> best(List<CatalogEntry> entries) {
            record Ranked(CatalogEntry entry, double total) {
            }
            List<Ranked> ranked = new ArrayList<>(entries.size());
            for (CatalogEntry entry : entries) {
                ranked.add(new Ranked(entry, of(entry).total()));
            }
            ranked.sort((a, b) -> Double.compare(b.total(), a.total()));
            List<CatalogEntry> sorted = new ArrayList<>(ranked.size());
            for (Ranked r : ranked) {
                sorted.add(r.entry());
            }
            return sorted;
        }

        ItemScorer.ItemScore of(CatalogEntry entry) {
            return cache.computeIfAbsent(entry.id(), id -> scorer.score(new ItemScorer.Input(entry.categoryIds(),
                    entry.createdAt(), entry.latestPostAt(), popularity.getOrDefault(id, 0d)), preferred, boardMaximum, now));
        }
    }

    /** Hands out items to sections: each item once per page, never an excluded one, at most {@code size} each. */
    private static final class Picker {
        private final Set<UUID> excluded;
        private final Set<UUID> used = new HashSet<>();
        private final int size;

        Picker(Set<UUID> excluded, int size) {
            this.excluded = excluded;
            this.size = size;
        }

        List<HomePage.ShownItem> pick(List<CatalogEntry> candidates, Scores scores, ItemMetadata.Why why) {
            List<HomePage.ShownItem> picked = new ArrayList<>();
            for (CatalogEntry entry : candidates) {
                if (picked.size() == size) {
                    break;
                }
                if (claim(entry.id())) {
                    picked.add(shown(entry, scores.of(entry), why));
                }
            }
            return picked;
        }

        List<HomePage.ShownItem> pickRecommended(List<RecommendedItem> items, Map<UUID, CatalogEntry> known, Scores scores) {
            List<HomePage.ShownItem> picked = new ArrayList<>();
            for (RecommendedItem item : items) {
                CatalogEntry entry = known.get(item.id());
                if (picked.size() == size) {
                    break;
                }
                if (entry != null && claim(entry.id())) {
                    picked.add(shown(entry, scores.of(entry), ItemMetadata.Why.recommended(item.reason(), item.score())));
                }
            }
            return picked;
        }

        /** Most recently read first; progress and time of the last read from the reading events. */
        List<HomePage.ShownItem> pickUnfinished(List<InteractionStore.Unfinished> items, Map<UUID, CatalogEntry> known,
                                                Scores scores) {
            List<HomePage.ShownItem> picked = new ArrayList<>();
            for (InteractionStore.Unfinished item : items) {
                CatalogEntry entry = known.get(item.itemId());
                if (picked.size() == size) {
                    break;
                }
                if (entry != null && claim(entry.id())) {
                    picked.add(shown(entry, scores.of(entry), ItemMetadata.Why.unfinished(item.progress(), item.lastReadAt())));
                }
            }
            return picked;
        }

        private boolean claim(UUID id) {
            return !excluded.contains(id) && used.add(id);
        }

        private static HomePage.ShownItem shown(CatalogEntry entry, ItemScorer.ItemScore score, ItemMetadata.Why why) {
            ItemMetadata metadata = new ItemMetadata(entry.categorySlugs(),
                    entry.type() == app.inbo.contracts.events.ItemType.POST ? entry.newsletterName() : null,
                    entry.createdAtText(), entry.latestPostAtText(), round(score.affinity()),
                    round(score.freshness().value()), round(score.popularity()),
                    score.freshness().isFallback() ? Boolean.TRUE : null, score.freshness().basis().wireName(),
                    why.reason(), why.recommenderScore(), why.source(), why.progress(), why.lastReadAt());
            return new HomePage.ShownItem(entry.id(), entry.type(), entry.title(), entry.description(), entry.url(),
                    round(score.total()), metadata);
        }

        private static double round(double value) {
            return Math.round(value * 10_000d) / 10_000d;
        }
    }
}
