package app.inbo.recommendation.service;

import app.inbo.recommendation.config.RecommendationConfig;

/** The ranking knobs as plain values, so the ranker is a pure function of its inputs. */
public record RankingPolicy(
        double affinityWeight,
        double similarityWeight,
        double coEngagementWeight,
        double popularityWeight,
        double freshnessWeight,
        double freshnessHalfLifeHours,
        double seenPenalty,
        double diversityDecay,
        int minCategoriesPerWindow,
        int diversityWindow) {

    public static RankingPolicy of(RecommendationConfig.Ranking ranking) {
        return new RankingPolicy(ranking.affinityWeight(), ranking.similarityWeight(), ranking.coEngagementWeight(), ranking.popularityWeight(),
                ranking.freshnessWeight(), ranking.freshnessHalfLifeHours(), ranking.seenPenalty(),
                ranking.diversityDecay(), ranking.minCategoriesPerWindow(), ranking.diversityWindow());
    }
}
