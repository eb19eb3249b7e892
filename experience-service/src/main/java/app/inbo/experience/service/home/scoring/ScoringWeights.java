package app.inbo.experience.service.home.scoring;

/** Weights of the score components; the final score is their weighted mean. */
public record ScoringWeights(double affinity, double freshness, double popularity) {

    public ScoringWeights {
        if (affinity < 0 || freshness < 0 || popularity < 0 || affinity + freshness + popularity <= 0) {
            throw new IllegalArgumentException("scoring weights must be non-negative and not all zero: "
                    + affinity + ", " + freshness + ", " + popularity);
        }
    }
}
