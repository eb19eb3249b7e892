package app.inbo.support.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The HTTP server's request timer exports cumulative buckets at the latency objectives' boundaries
 * ({@code http_server_requests_seconds_bucket{le="0.5"}} and the others), which the latency SLO alerts divide by
 * the request count (deploy/monitoring/inbo-alerts.rules.yml). A handful of fixed buckets, not a full histogram.
 */
public class LatencyObjectives {

    static final Duration[] BOUNDARIES = {Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(500),
            Duration.ofSeconds(1)};

    @Produces
    @Singleton
    MeterFilter httpServerObjectives() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                double[] nanos = new double[BOUNDARIES.length];
                for (int i = 0; i < BOUNDARIES.length; i++) {
                    nanos[i] = BOUNDARIES[i].toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
