package app.inbo.support.health;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.List;

/**
 * Whether Redis answers PING within the timeout. In the {@value DependencyHealth#GROUP} health group, not in
 * readiness: without Redis every service still serves its API (without its cache, counters or trending board), so
 * an outage must not take every pod out of rotation.
 */
@HealthGroup(DependencyHealth.GROUP)
@ApplicationScoped
public class RedisCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    ReactiveRedisDataSource redis;

    @ConfigProperty(name = "quarkus.redis.hosts")
    List<String> hosts;

    @Override
    public Uni<HealthCheckResponse> call() {
        var response = HealthCheckResponse.named("redis").withData("hosts", String.join(",", hosts));
        return redis.execute("PING")
                .ifNoItem().after(TIMEOUT).failWith(() -> new TimeoutException())
                .map(reply -> response.up().build())
                // every failure is DOWN, with its reason
                .onFailure().recoverWithItem(failure -> response.down().withData("error", describe(failure)).build());
    }

    private static String describe(Throwable failure) {
        return failure instanceof TimeoutException ? "no answer within " + TIMEOUT : String.valueOf(failure.getMessage());
    }
}
