package app.inbo.experience.service.home.scoring;

import app.inbo.contracts.api.CategoryWeight;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Combines category affinity, freshness and popularity into one score in [0, 1]. Pure: no clock, no I/O. */
public final class ItemScorer {

    private final ScoringWeights weights;
    private final double neutralAffinity;

    public ItemScorer(ScoringWeights weights, double neutralAffinity) {
        this.weights = weights;
        this.neutralAffinity = neutralAffinity;
    }

    public record Input(Collection<UUID> categories, Instant createdAt, Instant latestPostAt, double popularityRaw) {
    }

    public record ItemScore(double total, double affinity, FreshnessScore.Freshness freshness, double popularity) {
    }

    /**
     * @param preferred    the user's preferred categories, {@code null} when unknown
     * @param boardMaximum the highest trending score, to normalise popularity
     */
    public ItemScore score(Input item, List<CategoryWeight> preferred, double boardMaximum, Instant now) {
        double affinity = CategoryAffinity.of(item.categories(), preferred, neutralAffinity);
        FreshnessScore.Freshness freshness = FreshnessScore.of(item.createdAt(), item.latestPostAt(), now);
        double popularity = PopularityScore.normalised(item.popularityRaw(), boardMaximum);
        double sum = weights.affinity() + weights.freshness() + weights.popularity();
        double total = (weights.affinity() * affinity + weights.freshness() * freshness.value()
                + weights.popularity() * popularity) / sum;
        return new ItemScore(total, affinity, freshness, popularity);
    }
}
