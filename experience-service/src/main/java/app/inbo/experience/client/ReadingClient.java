package app.inbo.experience.client;

import app.inbo.contracts.api.ContinueReadingList;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The reading service, guarded: a short timeout, a circuit breaker, and a fallback that reports why there is no
 * answer instead of failing the page. Timeout and breaker settings are overridable by MicroProfile FT config
 * ({@code app.inbo.experience.client.ReadingClient/continueReading/Timeout/value}, ...).
 */
@ApplicationScoped
public class ReadingClient {

    @Inject
    @RestClient
    ReadingApi api;

    @AsynchronousNonBlocking
    @Timeout(300)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Fallback(fallbackMethod = "continueReadingMissing")
    public Uni<Fetched<ContinueReadingList>> continueReading(String userAuthorization, int limit) {
        return api.continueReading(userAuthorization, limit).map(Fetched::of);
    }

    Uni<Fetched<ContinueReadingList>> continueReadingMissing(String userAuthorization, int limit, Throwable failure) {
        return Uni.createFrom().item(Fetched.failed(failure));
    }
}
