package app.inbo.recommendation.service;

import app.inbo.contracts.api.CategoryWeight;
import app.inbo.contracts.api.RecommendationList;
import app.inbo.contracts.api.RecommendedItem;
import app.inbo.contracts.api.UserProfile;
import app.inbo.contracts.redis.RedisKeys;
import app.inbo.recommendation.config.RecommendationConfig;
import app.inbo.recommendation.domain.Decay;
import app.inbo.recommendation.domain.FeatureReads;
import app.inbo.recommendation.domain.FeatureReads.CategoryAffinity;
import app.inbo.recommendation.domain.FeatureReads.ItemState;
import app.inbo.support.cache.GenerationCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A user's recommendations: from the cache when there, else computed from features and cached. */
@ApplicationScoped
public class RecommendationService {

    @Inject
    FeatureReads reads;

    @Inject
    GenerationCache<UUID, List<RecommendedItem>> cache;

    @Inject
    RecommendationConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    Experiments experiments;

    public RecommendationList recommend(UUID userId, int limit) {
        int capped = Math.min(limit, config.ranking().maxLimit());
        Timer.Sample sample = Timer.start(registry);
        Experiments.Assignment assignment = experiments.assign(userId);
        // the full max-limit list is cached (shorter limits are its prefix), under a key naming the policy it was
        // ranked with: a list never outlives a switch of the user's variant or of the variant's weights
        String key = RedisKeys.userRecommendations(userId, "top-" + config.ranking().maxLimit() + assignment.cacheSuffix());
        Optional<GenerationCache.Lookup<List<RecommendedItem>>> lookup = cache.lookup(userId, key);
        Optional<List<RecommendedItem>> cached = lookup.flatMap(GenerationCache.Lookup::value);
        if (cached.isPresent()) {
            sample.stop(serveTimer(true));
            return new RecommendationList(prefix(cached.get(), capped), true, assignment.variant());
        }
        List<RecommendedItem> computed = compute(userId, config.ranking().maxLimit(), assignment.policy());
        lookup.ifPresent(found -> cache.store(found, computed));
        sample.stop(serveTimer(false));
        return new RecommendationList(prefix(computed, capped), false, assignment.variant());
    }

    private Timer serveTimer(boolean cached) {
        return Timer.builder("recommendation_serve_seconds").tag("cached", Boolean.toString(cached))
                .publishPercentiles(0.5, 0.9, 0.99).register(registry);
    }

    /** Computes a fresh list, bypassing the cache. */
    public List<RecommendedItem> compute(UUID userId, int limit, RankingPolicy policy) {
        Instant now = clock.instant();
        List<CategoryAffinity> affinity = reads.affinity(userId, now);
        List<ItemState> states = reads.itemStates(userId);
        Map<UUID, Double> weights = new HashMap<>();
        affinity.forEach(a -> weights.put(a.categoryId(), a.weight()));
        Set<UUID> excluded = new HashSet<>();
        Set<UUID> engaged = new HashSet<>();
        for (ItemState state : states) {
            if (state.completed() || state.dismissed()) {
                excluded.add(state.itemId());
            } else if (state.engagedAt() != null) {
                engaged.add(state.itemId());
            }
        }
        List<ItemState> engagedMostRecentFirst = states.stream().filter(s -> s.engagedAt() != null)
                .sorted(Comparator.comparing(ItemState::engagedAt).reversed()).toList();
        List<UUID> recent = engagedMostRecentFirst.stream().limit(config.features().coEngagementRecentItems())
                .map(ItemState::itemId).toList();
        Map<UUID, SimilarItems.Similar> similar = similar(engagedMostRecentFirst, excluded, now);
        List<UUID> preferred = preferred(affinity).stream().map(CategoryAffinity::categoryId).toList();
        var candidates = reads.candidates(preferred, recent, similar.keySet(), excluded, now);
        return RecommendationRanker.rank(new RecommendationRanker.UserSignals(weights, excluded, engaged, similar),
                candidates, now, policy, limit);
    }

    /**
     * The item-to-item model's suggestions from the user's most recent engaged items (dismissed ones left out), each
     * weighted by the affinity half-life since the user engaged with it: the latest click counts most.
     */
    private Map<UUID, SimilarItems.Similar> similar(List<ItemState> engagedMostRecentFirst, Set<UUID> excluded,
                                                    Instant now) {
        double halfLifeSeconds = config.features().affinityHalfLifeHours() * 3600;
        Map<UUID, Double> sources = new HashMap<>();
        engagedMostRecentFirst.stream().filter(s -> !s.dismissed()).limit(config.itemSimilarity().userItems())
                .forEach(s -> sources.put(s.itemId(), Decay.factor(s.engagedAt(), now, halfLifeSeconds)));
        if (sources.isEmpty()) {
            return Map.of();
        }
        return SimilarItems.suggest(sources, reads.neighbours(sources.keySet()), excluded,
                config.candidates().similar());
    }

    public UserProfile profile(UUID userId) {
        Instant now = clock.instant();
        List<CategoryWeight> preferred = preferred(reads.affinity(userId, now)).stream()
                .map(a -> new CategoryWeight(a.categoryId(), a.slug(), round(a.weight()))).toList();
        List<ItemState> states = reads.itemStates(userId);
        return new UserProfile(userId, preferred,
                states.stream().filter(ItemState::completed).map(ItemState::itemId).toList(),
                states.stream().filter(ItemState::dismissed).map(ItemState::itemId).toList(),
                reads.summary(userId).map(FeatureReads.UserSummary::updatedAt).orElse(null));
    }

    /** The top-k categories by decayed affinity, positive weights only. */
    List<CategoryAffinity> preferred(List<CategoryAffinity> affinity) {
        return affinity.stream().filter(a -> a.weight() > 0)
                .sorted(Comparator.comparingDouble(CategoryAffinity::weight).reversed().thenComparing(CategoryAffinity::slug))
                .limit(config.features().preferredCategories()).toList();
    }

    static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }

    private static List<RecommendedItem> prefix(List<RecommendedItem> items, int limit) {
        return items.size() <= limit ? items : List.copyOf(items.subList(0, limit));
    }
}
