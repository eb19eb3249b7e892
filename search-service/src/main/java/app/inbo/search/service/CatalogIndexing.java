package app.inbo.search.service;

import app.inbo.contracts.events.CatalogEvent;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Indexes one catalog event inside the caller's transaction (the event pipeline's, or a rebuild's). A document that
 * cannot be written is stored in the failure store in that same transaction, so the event counts as handled only
 * together with its failure record; a transient database failure is thrown and the whole unit is retried.
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

    @Transactional(Transactional.TxType.MANDATORY)
    public void index(EventEnvelope<EventPayload> envelope) {
        if (!(envelope.payload() instanceof CatalogEvent event)) {
            registry.counter("search_events_ignored_total", "event_type", envelope.eventType()).increment();
            LOG.debugf("event %s (%s) is no catalog change; ignored", envelope.eventId(), envelope.eventType());
            return;
        }
        DocumentIndexer.Outcome outcome = indexer.apply(event);
        changes.record(outcome);
        if (outcome instanceof DocumentIndexer.Failed failed) {
            failures.recordFirstFailure(envelope, event, failed);
        }
    }
}
