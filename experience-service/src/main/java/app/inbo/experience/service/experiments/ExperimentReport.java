package app.inbo.experience.service.experiments;

import app.inbo.experience.domain.ExperimentReads;
import app.inbo.experience.service.experiments.ConfidenceIntervals.Interval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The report of an A/B experiment: per variant, over the recommended section of the renders it ranked, renders,
 * impressions, clicks, reads and completions (impressions with such an interaction) with their rates, and the mean
 * dwell time, each rate and the mean with its 95 % confidence interval ({@link ConfidenceIntervals}).
 */
@ApplicationScoped
public class ExperimentReport {

    @Inject
    ExperimentReads reads;

    public record Report(String experiment, double confidence, List<VariantReport> variants) {
    }

    public record VariantReport(String variant, long renders, long impressions, Rate clicks, Rate reads,
                                Rate completions, Mean dwellMs) {
    }

    /** {@code count} of the impressions; {@code rate} = count / impressions, null without impressions. */
    public record Rate(long count, Double rate, Interval interval) {
    }

    /** Mean of {@code count} values; null mean without values, null interval with fewer than two. */
    public record Mean(long count, Double mean, Interval interval) {
    }

    public Report of(String experiment) {
        List<VariantReport> variants = reads.perVariant(experiment).stream().map(ExperimentReport::variant).toList();
        return new Report(experiment, 0.95, variants);
    }

    static VariantReport variant(ExperimentReads.VariantCounts c) {
        Interval dwell = c.dwellMeanMs() == null || c.dwellSdMs() == null ? null
                : ConfidenceIntervals.mean(c.dwellMeanMs(), c.dwellSdMs(), c.dwellCount(), ConfidenceIntervals.Z_95);
        return new VariantReport(c.variant(), c.renders(), c.impressions(), rate(c.clicked(), c.impressions()),
                rate(c.read(), c.impressions()), rate(c.completed(), c.impressions()),
                new Mean(c.dwellCount(), c.dwellMeanMs(), dwell));
    }

    private static Rate rate(long count, long impressions) {
        return new Rate(count, impressions == 0 ? null : (double) count / impressions,
                ConfidenceIntervals.wilson(count, impressions, ConfidenceIntervals.Z_95));
    }
}
