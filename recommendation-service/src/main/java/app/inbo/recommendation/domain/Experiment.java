package app.inbo.recommendation.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An A/B experiment of the ranking: variants with their share of the users and their ranking-weight overrides
 * (names of the ranking policy's fields in snake_case → value). A running experiment splits the users; an ended
 * one keeps its winner, whose overrides then rank for everyone until another experiment runs.
 */
public record Experiment(String name, List<Variant> variants, Status status, String winner, Instant createdAt,
                         Instant updatedAt) {

    public enum Status { RUNNING, ENDED }

    public record Variant(String name, double share, Map<String, Double> ranking) {
    }

    public Optional<Variant> variant(String variantName) {
        return variants.stream().filter(v -> v.name().equals(variantName)).findFirst();
    }
}
