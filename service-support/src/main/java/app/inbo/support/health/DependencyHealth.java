package app.inbo.support.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.api.HealthGroup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The systems a service uses but does not need to serve its API, Redis and Kafka: checked in the health group
 * {@value #GROUP} ({@code /q/health/group/dependencies}) and exported as {@code inbo_dependency_up{dependency}}
 * (1 or 0, checked every 15 s), for dashboards and alerts. Readiness is the service's own database (Quarkus' data
 * source check); liveness depends on nothing outside the process.
 */
@ApplicationScoped
public class DependencyHealth {

    public static final String GROUP = "dependencies";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    @HealthGroup(GROUP)
    RedisCheck redis;

    @Inject
    @HealthGroup(GROUP)
    KafkaCheck kafka;

    @Inject
    MeterRegistry registry;

    private final AtomicInteger redisUp = new AtomicInteger(-1);
    private final AtomicInteger kafkaUp = new AtomicInteger(-1);

    @PostConstruct
    void gauges() {
        registry.gauge("inbo_dependency_up", Tags.of("dependency", "redis"), redisUp);
        registry.gauge("inbo_dependency_up", Tags.of("dependency", "kafka"), kafkaUp);
    }

    @Scheduled(every = "${inbo.health.dependencies-interval:15s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        redisUp.set(up(redis.call().await().atMost(WAIT)));
        kafkaUp.set(up(kafka.call()));
    }

    private static int up(HealthCheckResponse response) {
        return response.getStatus() == HealthCheckResponse.Status.UP ? 1 : 0;
    }
}
