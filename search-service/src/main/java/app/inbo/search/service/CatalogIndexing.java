package app.inbo.search.service;

import app.inbo.contracts.events.CatalogEvent;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.PostEvent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Indexes a batch of catalog events in their order, inside the caller's transaction (the event pipeline's, or a
 * rebuild's). A document that cannot be written is stored in the failure store in that same transaction, so the
 * event counts as handled only together with its failure record; a transient database failure is thrown and the
 * whole unit is retried.
 * <p>
 * Consecutive post events, most of the catalog, are written together in one statement: one round trip for a run
 * of posts instead of one per post. Should that statement fail, the run's posts are applied one by one, which
 * isolates and stores the failing one exactly as for a single event.
 */
@ApplicationScoped
public class CatalogIndexing {

    private static final Logger LOG = Logger.getLogger(CatalogIndexing.class);

    @Inject
    DocumentIndexer indexer;

    @Inject
    FailureStore failures;

    @Inject
    IndexChanges changes;

    @Inject
    MeterRegistry registry;

    private record PostChange(EventEnvelope<EventPayload> envelope, PostEvent post) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void index(List<EventEnvelope<EventPayload>> events) {
        List<PostChange> posts = new ArrayList<>();
        for (EventEnvelope<EventPayload> envelope : events) {
            if (!(envelope.payload() instanceof CatalogEvent event)) {
                registry.counter("search_events_ignored_total", "event_type", envelope.eventType()).increment();
                LOG.debugf("event %s (%s) is no catalog change; ignored", envelope.eventId(), envelope.eventType());
            } else if (event instanceof PostEvent post) {
                posts.add(new PostChange(envelope, post));
            } else {
                // the posts before this event are written before it, so that events keep their order
                writePosts(posts);
                posts.clear();
                apply(envelope, event);
            }
        }
        writePosts(posts);
    }

    private void apply(EventEnvelope<EventPayload> envelope, CatalogEvent event) {
        DocumentIndexer.Outcome outcome = indexer.apply(event);
        changes.record(outcome);
        if (outcome instanceof DocumentIndexer.Failed failed) {
            failures.recordFirstFailure(envelope, event, failed);
        }
    }

    private void writePosts(List<PostChange> posts) {
        if (posts.isEmpty()) {
            return;
        }
        // one write per post: of two events of a post in one run, the older one is stale
        Map<UUID, PostChange> newest = new LinkedHashMap<>();
        for (PostChange p : posts) {
            newest.merge(p.post().postId(), p, (kept, next) -> next.post().version() > kept.post().version() ? next : kept);
        }
        Optional<Set<UUID>> written = indexer.applyPosts(newest.values().stream().map(PostChange::post).toList());
        if (written.isEmpty()) {
            LOG.debugf("writing %d posts together failed; applying them one by one", posts.size());
            posts.forEach(p -> apply(p.envelope(), p.post()));
            return;
        }
        for (PostChange p : posts) {
            UUID id = p.post().postId();
            changes.record(newest.get(id) == p && written.get().contains(id)
                    ? new DocumentIndexer.Applied(DocumentIndexer.Change.INDEXED) : new DocumentIndexer.Stale());
        }
    }
}
