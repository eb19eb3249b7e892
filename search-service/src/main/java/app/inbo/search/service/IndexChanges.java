package app.inbo.search.service;

import app.inbo.support.cache.GenerationCache;
import app.inbo.support.tx.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Tallies what a transaction did to the index and, once it committed (never after a rollback), counts it in the
 * metrics and moves the cache generation on, so no cached result page outlives a committed change; tells index
 * maintenance how much changed.
 */
@ApplicationScoped
public class IndexChanges {

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    AfterCommit afterCommit;

    @Inject
    GenerationCache<String, SearchService.Page> cache;

    @Inject
    IndexMaintenance maintenance;

    @Inject
    MeterRegistry registry;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(DocumentIndexer.Outcome outcome) {
        Tally tally = tally();
        if (outcome instanceof DocumentIndexer.Applied applied) {
            switch (applied.change()) {
                case INDEXED -> tally.indexed++;
                case DELETED -> tally.deleted++;
                case CATEGORY -> tally.categories++;
            }
        } else if (outcome instanceof DocumentIndexer.Stale) {
            tally.stale++;
        } else {
            tally.failed++;
        }
    }

    private Tally tally() {
        Tally tally = (Tally) transactions.getResource(IndexChanges.class);
        if (tally == null) {
            Tally fresh = new Tally();
            transactions.putResource(IndexChanges.class, fresh);
            afterCommit.run(IndexChanges.class, () -> publish(fresh));
            tally = fresh;
        }
        return tally;
    }

    private void publish(Tally tally) {
        registry.counter("search_documents_indexed_total").increment(tally.indexed);
        registry.counter("search_documents_deleted_total").increment(tally.deleted);
        registry.counter("search_category_changes_total").increment(tally.categories);
        registry.counter("search_events_stale_total").increment(tally.stale);
        registry.counter("search_index_failures_total").increment(tally.failed);
        long changed = tally.indexed + tally.deleted + tally.categories;
        if (changed > 0) {
            cache.invalidate(List.of(SearchCaching.INDEX));
            maintenance.changed(changed);
        }
    }

    private static final class Tally {
        long indexed;
        long deleted;
        long categories;
        long stale;
        long failed;
    }
}
