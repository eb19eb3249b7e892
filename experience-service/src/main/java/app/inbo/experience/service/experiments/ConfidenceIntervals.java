package app.inbo.experience.service.experiments;

/**
 * 95 % confidence intervals for the experiment report. A rate (click-through, read, completion) is a binomial
 * proportion: the Wilson score interval, which stays inside [0, 1] and keeps its coverage for small counts and
 * rates near 0 (where the textbook normal interval collapses to a point). A mean (dwell time) uses the normal
 * approximation, mean ± z·s/√n, sound for the sample sizes an experiment needs.
 */
public final class ConfidenceIntervals {

    /** The two-sided 95 % quantile of the standard normal distribution. */
    public static final double Z_95 = 1.959963984540054;

    private ConfidenceIntervals() {
    }

    public record Interval(double low, double high) {
    }

    /** Wilson score interval of {@code successes} out of {@code trials}; null without trials. */
    public static Interval wilson(long successes, long trials, double z) {
        if (trials <= 0) {
            return null;
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException(successes + " successes out of " + trials + " trials");
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** Normal interval of a mean from {@code n} observations with sample standard deviation {@code sd}; null when n < 2. */
    public static Interval mean(double mean, double sd, long n, double z) {
        if (n < 2) {
            return null;
        }
        double half = z * sd / Math.sqrt(n);
        return new Interval(mean - half, mean + half);
    }
}
