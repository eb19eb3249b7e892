package app.inbo.recommendation.rest;

import app.inbo.recommendation.domain.Experiment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's definition: its variants in order, each with its share of the users (the shares add up to 1)
 * and its ranking overrides by setting name ({@code affinity_weight}, ...; none: the configured ranking).
 */
public record ExperimentRequest(@NotNull @Valid List<@NotNull @Valid VariantRequest> variants) {

    public record VariantRequest(@NotNull String name, @NotNull Double share, Map<String, Double> ranking) {
    }

    public List<Experiment.Variant> toVariants() {
        // a copy that keeps a null value, for the service to name it
        return variants.stream().map(v -> new Experiment.Variant(v.name(), v.share(),
                v.ranking() == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(v.ranking())))).toList();
    }

    /** How an experiment ends: the variant whose ranking everyone gets from then on. */
    public record End(@NotNull String winner) {
    }
}
