package app.inbo.recommendation.rest;

import app.inbo.recommendation.domain.Experiment;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** An experiment as the admin API shows it; {@code status} is {@code running} or {@code ended}. */
public record ExperimentView(String name, String status, String winner, List<VariantView> variants,
                             Instant createdAt, Instant updatedAt) {

    public record VariantView(String name, double share, Map<String, Double> ranking) {
    }

    static ExperimentView of(Experiment e) {
        return new ExperimentView(e.name(), e.status().name().toLowerCase(Locale.ROOT), e.winner(),
                e.variants().stream().map(v -> new VariantView(v.name(), v.share(), new TreeMap<>(v.ranking()))).toList(),
                e.createdAt(), e.updatedAt());
    }
}
