package app.inbo.experience.client;

import app.inbo.contracts.api.ItemCountsPage;
import app.inbo.contracts.api.PageRecommendations;
import app.inbo.support.security.ServiceTokens;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/**
 * The recommendation service, called with this service's own token; each call guarded by a short timeout, its own
 * circuit breaker and a fallback that reports why there is no answer. A home page asks once ({@link #forPage}):
 * the recommendations and the profile come in one answer.
 */
@ApplicationScoped
public class RecommendationClient {

    @Inject
    @RestClient
    RecommendationApi api;

    @Inject
    ServiceTokens serviceTokens;

    /**
     * Called on the page's worker thread and waited for there (the timeout interrupts the wait): an asynchronous
     * call here cost the page two more hand-overs between threads and the machinery that links them.
     */
    @Timeout(300)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Fallback(fallbackMethod = "forPageMissing")
    public Fetched<PageRecommendations> forPage(UUID userId, int limit) {
        return Fetched.of(api.forPage(serviceTokens.authorizationHeader(), userId, limit));
    }

    /** One page of the item features' counts (for the counter reconciliation; a page of 5,000 may take a while). */
    @AsynchronousNonBlocking
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30000, successThreshold = 1)
    @Fallback(fallbackMethod = "itemCountsMissing")
    public Uni<Fetched<ItemCountsPage>> itemCounts(UUID after, int limit) {
        return Uni.createFrom().deferred(() -> api.itemCounts(serviceTokens.authorizationHeader(), after, limit))
                .map(Fetched::of);
    }

    Uni<Fetched<ItemCountsPage>> itemCountsMissing(UUID after, int limit, Throwable failure) {
        return Uni.createFrom().item(Fetched.failed(failure));
    }

    Fetched<PageRecommendations> forPageMissing(UUID userId, int limit, Throwable failure) {
        return Fetched.failed(failure);
    }
}
