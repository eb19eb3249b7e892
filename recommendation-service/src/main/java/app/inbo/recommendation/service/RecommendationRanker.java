package app.inbo.recommendation.service;

import app.inbo.recommendation.domain.Candidate;
import app.inbo.contracts.api.RecommendedItem;
import app.inbo.contracts.events.ItemType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Ranks candidate items for one user — a pure function of the user's signals, the candidates, the time and the
 * policy. Score = affinity·w_a + similarity·w_s + co-engagement·w_c + popularity·w_p + freshness·w_f, each signal
 * scaled to [0, 1] (affinity to [-1, 1]: dismissals push a category down); items the user already engaged with are
 * damped; completed and dismissed items never appear. The reason is the signal that contributed most; when that
 * is the item-to-item model, the user's item it follows from is named. The list is
 * then picked greedily for diversity: a candidate's score shrinks with each chosen item of its category in the
 * current window, and a window reserves its last slots for new categories until it has the required number.
 */
public final class RecommendationRanker {

    public static final String REASON_AFFINITY = "category_affinity";
    public static final String REASON_SIMILAR = "similar_items";
    public static final String REASON_CO_ENGAGEMENT = "co_engagement";
    public static final String REASON_POPULAR = "popular";
    public static final String REASON_FRESH = "fresh";

    /**
     * What is known of the user: decayed category weights, items never to show, items already engaged with, and
     * what the item-to-item model suggests.
     */
    public record UserSignals(Map<UUID, Double> affinity, Set<UUID> excluded, Set<UUID> engaged,
                              Map<UUID, SimilarItems.Similar> similar) {
        public UserSignals(Map<UUID, Double> affinity, Set<UUID> excluded, Set<UUID> engaged) {
            this(affinity, excluded, engaged, Map.of());
        }

        public static UserSignals none() {
            return new UserSignals(Map.of(), Set.of(), Set.of());
        }
    }

    private RecommendationRanker() {
    }

    public static List<RecommendedItem> rank(UserSignals user, Collection<Candidate> candidates, Instant now,
                                             RankingPolicy policy, int limit) {
        List<Scored> pool = score(user, candidates, now, policy);
        return diversify(pool, policy, limit);
    }

    private static List<Scored> score(UserSignals user, Collection<Candidate> candidates, Instant now, RankingPolicy policy) {
        double maxAffinity = user.affinity().values().stream().mapToDouble(Math::abs).max().orElse(0);
        double maxCo = 0;
        double maxPopularity = 0;
        double maxSimilar = user.similar().values().stream().mapToDouble(SimilarItems.Similar::score).max().orElse(0);
        for (Candidate c : candidates) {
            maxCo = Math.max(maxCo, c.coEngagement());
            maxPopularity = Math.max(maxPopularity, c.popularity());
        }
        List<Scored> scored = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (Candidate c : candidates) {
            if (user.excluded().contains(c.id()) || !seen.add(c.id())) {
                continue;
            }
            double affinity = 0;
            if (maxAffinity > 0) {
                double best = Double.NEGATIVE_INFINITY;
                for (UUID category : c.categoryIds()) {
                    best = Math.max(best, user.affinity().getOrDefault(category, 0.0) / maxAffinity);
                }
                affinity = best == Double.NEGATIVE_INFINITY ? 0 : best;
            }
            SimilarItems.Similar similar = user.similar().get(c.id());
            double similarity = similar != null && maxSimilar > 0 ? similar.score() / maxSimilar : 0;
            double co = maxCo > 0 ? c.coEngagement() / maxCo : 0;
            double popularity = maxPopularity > 0 ? Math.log1p(Math.max(0, c.popularity())) / Math.log1p(maxPopularity) : 0;
            double freshness = c.freshAt() == null ? 0
                    : Math.pow(0.5, Math.max(0, Duration.between(c.freshAt(), now).toMinutes() / 60.0) / policy.freshnessHalfLifeHours());
            double[] parts = {
                    policy.affinityWeight() * affinity,
                    policy.similarityWeight() * similarity,
                    policy.coEngagementWeight() * co,
                    policy.popularityWeight() * popularity,
                    policy.freshnessWeight() * freshness};
            double score = parts[0] + parts[1] + parts[2] + parts[3] + parts[4];
            if (user.engaged().contains(c.id())) {
                score = score > 0 ? score * policy.seenPenalty() : score;
            }
            String reason = reason(parts);
            RecommendedItem.Because because = reason.equals(REASON_SIMILAR)
                    ? new RecommendedItem.Because(similar.becauseId(), similar.becauseTitle()) : null;
            scored.add(new Scored(c, score, reason, because));
        }
        scored.sort((a, b) -> a.score != b.score ? Double.compare(b.score, a.score) : a.candidate.id().compareTo(b.candidate.id()));
        return scored;
    }

    private static String reason(double[] parts) {
        String[] names = {REASON_AFFINITY, REASON_SIMILAR, REASON_CO_ENGAGEMENT, REASON_POPULAR, REASON_FRESH};
        int best = 3;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] > parts[best]) {
                best = i;
            }
        }
        return names[best];
    }

    private static List<RecommendedItem> diversify(List<Scored> pool, RankingPolicy policy, int limit) {
        List<RecommendedItem> chosen = new ArrayList<>();
        List<Scored> remaining = new ArrayList<>(pool);
        Map<UUID, Integer> inWindow = new HashMap<>();
        int window = policy.diversityWindow();
        while (chosen.size() < limit && !remaining.isEmpty()) {
            if (chosen.size() % window == 0) {
                inWindow.clear();
            }
            int slotsLeft = window - chosen.size() % window;
            int missing = policy.minCategoriesPerWindow() - inWindow.size();
            boolean needNewCategory = missing > 0 && slotsLeft <= missing
                    && remaining.stream().anyMatch(s -> bringsNewCategory(s, inWindow));
            Scored best = null;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (Scored s : remaining) {
                if (needNewCategory && !bringsNewCategory(s, inWindow)) {
                    continue;
                }
                int crowd = 0;
                for (UUID category : s.candidate.categoryIds()) {
                    crowd = Math.max(crowd, inWindow.getOrDefault(category, 0));
                }
                double factor = Math.pow(policy.diversityDecay(), crowd);
                double value = s.score >= 0 ? s.score * factor : s.score / Math.max(factor, 1e-9);
                if (value > bestValue) {
                    bestValue = value;
                    best = s;
                }
            }
            remaining.remove(best);
            for (UUID category : best.candidate.categoryIds()) {
                inWindow.merge(category, 1, Integer::sum);
            }
            Candidate c = best.candidate;
            chosen.add(new RecommendedItem(c.id(), c.type(), c.title(), c.categorySlugs(),
                    Math.round(best.score * 10000) / 10000.0, best.reason, best.because));
        }
        return chosen;
    }

    private static boolean bringsNewCategory(Scored s, Map<UUID, Integer> inWindow) {
        return s.candidate.categoryIds().stream().anyMatch(category -> !inWindow.containsKey(category));
    }

    private record Scored(Candidate candidate, double score, String reason, RecommendedItem.Because because) {
    }
}
