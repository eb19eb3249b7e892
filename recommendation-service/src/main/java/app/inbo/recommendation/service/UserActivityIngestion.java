package app.inbo.recommendation.service;

import app.inbo.recommendation.domain.UserActivity;
import app.inbo.contracts.api.RecommendedItem;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.recommendation.domain.FeatureStore;
import app.inbo.support.cache.GenerationCache;
import app.inbo.support.tx.AfterCommit;
import app.inbo.support.tx.BeforeCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies user activity events. The event pipeline hands them over one at a time inside its batch transaction;
 * they are mapped and collected, and the whole batch is written set-based just before that transaction commits
 * (so the event ids, the user events and the features commit or roll back together). After the commit the
 * affected users' cached recommendations are invalidated.
 */
@ApplicationScoped
public class UserActivityIngestion {

    private static final Logger LOG = Logger.getLogger(UserActivityIngestion.class);

    @Inject
    BeforeCommit beforeCommit;

    @Inject
    FeatureStore features;

    @Inject
    AfterCommit afterCommit;

    @Inject
    GenerationCache<UUID, List<RecommendedItem>> cache;

    @Inject
    MeterRegistry registry;

    /** Called by the pipeline for each first delivery, inside the batch transaction. */
    public void apply(EventEnvelope<EventPayload> event) {
        Optional<UserActivity> activity = UserEventMapper.map(event);
        if (activity.isEmpty()) {
            String type = event.payload() instanceof InteractionRecorded i ? String.valueOf(i.interactionType()) : event.eventType();
            registry.counter("recommendation_events_ignored_total", "type", type).increment();
            LOG.debugf("event %s (%s) carries nothing to learn from", event.eventId(), type);
            return;
        }
        PendingBatch batch = pendingBatch();
        batch.activities.add(activity.get());
        batch.users.add(activity.get().userId());
        registry.counter("recommendation_user_events_total", "type", activity.get().type().wireName()).increment();
    }

    private PendingBatch pendingBatch() {
        return beforeCommit.batch(PendingBatch.class, () -> {
            PendingBatch fresh = new PendingBatch();
            afterCommit.run(PendingBatch.class, () -> cache.invalidateWithoutWaiting(fresh.users));
            return fresh;
        }, this::write);
    }

    private void write(PendingBatch batch) {
        Timer.Sample sample = Timer.start(registry);
        features.apply(batch.activities);
        sample.stop(registry.timer("recommendation_feature_write_seconds"));
        registry.summary("recommendation_feature_write_batch_size").record(batch.activities.size());
    }

    private static final class PendingBatch {
        final List<UserActivity> activities = new ArrayList<>();
        final Set<UUID> users = new LinkedHashSet<>();
    }
}
