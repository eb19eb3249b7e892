package app.inbo.recommendation.service;

import app.inbo.contracts.api.RecommendedItem;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.FollowChanged;
import app.inbo.recommendation.domain.FollowStore;
import app.inbo.support.cache.GenerationCache;
import app.inbo.support.tx.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies follows and unfollows inside the pipeline's transaction (the newest version of each user and target wins,
 * so a late or repeated event changes nothing); after the commit the users whose follows changed lose their cached
 * recommendations, so the next request ranks with the follow weight added or removed.
 */
@ApplicationScoped
public class FollowIngestion {

    @Inject
    FollowStore follows;

    @Inject
    AfterCommit afterCommit;

    @Inject
    GenerationCache<UUID, List<RecommendedItem>> cache;

    @Inject
    MeterRegistry registry;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<EventEnvelope<EventPayload>> events) {
        Set<UUID> changed = new LinkedHashSet<>();
        for (EventEnvelope<EventPayload> event : events) {
            if (event.payload() instanceof FollowChanged change) {
                boolean applied = follows.apply(change);
                if (applied) {
                    changed.add(change.userId());
                }
                registry.counter("recommendation_follow_events_total", "outcome", applied ? "applied" : "stale")
                        .increment();
            }
        }
        if (!changed.isEmpty()) {
            afterCommit.run(FollowIngestion.class, () -> cache.invalidateWithoutWaiting(changed));
        }
    }
}
