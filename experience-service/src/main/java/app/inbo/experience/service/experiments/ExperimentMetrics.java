package app.inbo.experience.service.experiments;

import app.inbo.contracts.api.ExperimentVariant;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Per-variant counters of the recommended section, tagged {@code experiment} and {@code variant}: renders and
 * impressions (items shown), clicks, reads ({@code open}), completions ({@code complete}) and dwell time. Rates
 * over time and across instances are for Prometheus (e.g. clicks / impressions); the admin report counts from
 * the stored renders and interactions, with confidence intervals.
 */
@ApplicationScoped
public class ExperimentMetrics {

    public static final String RECOMMENDED = "recommended";

    @Inject
    MeterRegistry registry;

    /** A render ranked by {@code variant} showed {@code impressions} recommended items. */
    public void rendered(ExperimentVariant variant, int impressions) {
        if (variant == null) {
            return;
        }
        registry.counter("experience_experiment_renders_total", tags(variant)).increment();
        registry.counter("experience_experiment_impressions_total", tags(variant)).increment(impressions);
    }

    /** An interaction with a recommended item of a render ranked by {@code variant} (after its commit). */
    public void interacted(ExperimentVariant variant, String sectionType, String interactionType, Long dwellTimeMs) {
        if (variant == null || !RECOMMENDED.equals(sectionType)) {
            return;
        }
        String counter = switch (interactionType) {
            case "click" -> "experience_experiment_clicks_total";
            case "open" -> "experience_experiment_reads_total";
            case "complete" -> "experience_experiment_completions_total";
            default -> null;
        };
        if (counter != null) {
            registry.counter(counter, tags(variant)).increment();
        }
        if (dwellTimeMs != null) {
            DistributionSummary.builder("experience_experiment_dwell_seconds").baseUnit("seconds").tags(tags(variant))
                    .register(registry).record(dwellTimeMs / 1000.0);
        }
    }

    private static String[] tags(ExperimentVariant variant) {
        return new String[]{"experiment", variant.experiment(), "variant", variant.name()};
    }
}
