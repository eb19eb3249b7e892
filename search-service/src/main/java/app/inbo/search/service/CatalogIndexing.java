package app.inbo.search.service;

import app.inbo.contracts.events.CatalogEvent;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.PostEvent;
import app.inbo.support.tx.BeforeCommit;
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
 * Indexes catalog events inside the caller's transaction (the event pipeline's, or a rebuild's). A document that
 * cannot be written is stored in the failure store in that same transaction, so the event counts as handled only
 * together with its failure record; a transient database failure is thrown and the whole unit is retried.
 * <p>
 * Posts, most of the catalog, are gathered and written together in one statement just before the transaction
 * commits (or before the next event of another kind, so that events keep their order): one round trip for a whole
 * batch instead of one per post. Should that statement fail, the posts are applied one by one, which isolates and
 * stores the failing one exactly as for a single event.
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
    BeforeCommit beforeCommit;

    @Inject
    MeterRegistry registry;

    private record PendingPost(EventEnvelope<EventPayload> envelope, PostEvent post) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void index(EventEnvelope<EventPayload> envelope) {
        if (!(envelope.payload() instanceof CatalogEvent event)) {
            registry.counter("search_events_ignored_total", "event_type", envelope.eventType()).increment();
            LOG.debugf("event %s (%s) is no catalog change; ignored", envelope.eventId(), envelope.eventType());
            return;
        }
        if (event instanceof PostEvent post) {
            pendingPosts().add(new PendingPost(envelope, post));
            return;
        }
        writePendingPosts(pendingPosts());
        apply(envelope, event);
    }

    private void apply(EventEnvelope<EventPayload> envelope, CatalogEvent event) {
        DocumentIndexer.Outcome outcome = indexer.apply(event);
        changes.record(outcome);
        if (outcome instanceof DocumentIndexer.Failed failed) {
            failures.recordFirstFailure(envelope, event, failed);
        }
    }

    /** The posts of the current transaction not written yet; the first call registers their writing at commit. */
    private List<PendingPost> pendingPosts() {
        return beforeCommit.batch(PendingPost.class, () -> {
            changes.open();
            return new ArrayList<>();
        }, this::writePendingPosts);
    }

    private void writePendingPosts(List<PendingPost> pending) {
        if (pending.isEmpty()) {
            return;
        }
        List<PendingPost> batch = List.copyOf(pending);
        pending.clear();
        // one write per post: of two events of a post in one batch, the older one is stale
        Map<UUID, PendingPost> newest = new LinkedHashMap<>();
        for (PendingPost p : batch) {
            newest.merge(p.post().postId(), p, (kept, next) -> next.post().version() > kept.post().version() ? next : kept);
        }
        Optional<Set<UUID>> written = indexer.applyPosts(newest.values().stream().map(PendingPost::post).toList());
        if (written.isEmpty()) {
            LOG.debugf("writing %d posts together failed; applying them one by one", batch.size());
            batch.forEach(p -> apply(p.envelope(), p.post()));
            return;
        }
        for (PendingPost p : batch) {
            UUID id = p.post().postId();
            changes.record(newest.get(id) == p && written.get().contains(id)
                    ? new DocumentIndexer.Applied(DocumentIndexer.Change.INDEXED) : new DocumentIndexer.Stale());
        }
    }
}
