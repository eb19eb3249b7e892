package app.inbo.recommendation.service;

import app.inbo.contracts.api.RecommendedItem;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.recommendation.domain.FeatureStore;
import app.inbo.recommendation.domain.UserActivity;
import app.inbo.support.cache.GenerationCache;
import app.inbo.support.tx.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of user activity events inside the pipeline's transaction: each is mapped to a user event, the
 * whole batch is written set-based (user events and features commit or roll back together with the event ids),
 * and after the commit the affected users' cached recommendations are invalidated.
 */
@ApplicationScoped
public class UserActivityIngestion {

    private static final Logger LOG = Logger.getLogger(UserActivityIngestion.class);

    @Inject
    FeatureStore features;

    @Inject
    AfterCommit afterCommit;

    @Inject
    GenerationCache<UUID, List<RecommendedItem>> cache;

    @Inject
    MeterRegistry registry;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<EventEnvelope<EventPayload>> events) {
        List<UserActivity> activities = new ArrayList<>(events.size());
        for (EventEnvelope<EventPayload> event : events) {
            Optional<UserActivity> activity = UserEventMapper.map(event);
            if (activity.isPresent()) {
                activities.add(activity.get());
                registry.counter("recommendation_user_events_total", "type", activity.get().kind().storedAs())
                        .increment();
            } else {
                countIgnored(event);
            }
        }
        if (activities.isEmpty()) {
            return;
        }

        Timer.Sample sample = Timer.start(registry);
        features.apply(activities);
        sample.stop(registry.timer("recommendation_feature_write_seconds"));
        registry.summary("recommendation_feature_write_batch_size").record(activities.size());

        Set<UUID> users = new LinkedHashSet<>();
        activities.forEach(a -> users.add(a.userId()));
        afterCommit.run(UserActivityIngestion.class, () -> cache.invalidateWithoutWaiting(users));
    }

    private void countIgnored(EventEnvelope<EventPayload> event) {
        String type = event.payload() instanceof InteractionRecorded i ? String.valueOf(i.interactionType()) : event.eventType();
        registry.counter("recommendation_events_ignored_total", "type", type).increment();
        LOG.debugf("event %s (%s) carries nothing to learn from", event.eventId(), type);
    }
}
