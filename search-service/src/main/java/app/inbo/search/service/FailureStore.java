package app.inbo.search.service;

import app.inbo.contracts.events.CatalogEvent;
import app.inbo.contracts.events.CategoryDeleted;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.NewsletterDeleted;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostDeleted;
import app.inbo.contracts.events.PostEvent;
import app.inbo.search.config.SearchConfig;
import app.inbo.search.domain.IndexFailure;
import app.inbo.search.domain.SearchIndexStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable record of documents whose indexing failed: written in the caller's transaction (the one that marks
 * the event processed, so the Kafka offset never passes a failed document without its record), read and updated by
 * the {@link FailureRetrier} and the admin endpoints. Keeps the pending and dead gauges.
 */
@ApplicationScoped
public class FailureStore {

    private static final Logger LOG = Logger.getLogger(FailureStore.class);

    @Inject
    EntityManager em;

    @Inject
    SearchIndexStore store;

    @Inject
    SearchConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private volatile RetryBackoff backoff;

    void start(@Observes StartupEvent event) {
        registry.gauge("search_index_failures_pending", pending);
        registry.gauge("search_index_failures_dead", dead);
        refreshGauges();
    }

    public RetryBackoff backoff() {
        if (backoff == null) {
            SearchConfig.Retry retry = config.retry();
            backoff = new RetryBackoff(retry.base(), retry.factor(), retry.cap(), retry.maxAttempts(), retry.jitter());
        }
        return backoff;
    }

    /** When the next attempt is due after the {@code attempts}-th failed one. */
    public Instant nextAttempt(Instant now, int attempts) {
        return now.plus(backoff().delay(attempts, ThreadLocalRandom.current().nextDouble()));
    }

    /** Stores the first failure of an event, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFirstFailure(EventEnvelope<?> envelope, CatalogEvent event, DocumentIndexer.Failed failure) {
        Instant now = Instant.now(clock);
        SearchIndexStore.FailedEvent failed = new SearchIndexStore.FailedEvent(event.itemId(), itemType(event),
                newsletterOf(event), envelope.eventId(), envelope.eventType(), event.version(),
                EventCodec.encode(envelope), failure.describe());
        Instant next = backoff().exhausted(1) ? null : nextAttempt(now, 1);
        em.unwrap(Session.class).doWork(connection -> store.recordFailure(connection, failed, now, next));
        LOG.warnf("indexing %s %s (event %s, version %d) failed; stored for retry at %s: %s", failed.itemType(),
                failed.itemId(), envelope.eventId(), event.version(), next, failure.describe());
    }

    public List<IndexFailure> list(String status, int limit) {
        return IndexFailure.<IndexFailure>find("status = ?1 order by firstFailedAt, itemId", status).page(0, limit).list();
    }

    public void refreshGauges() {
        List<Object[]> counts = QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("select f.status, count(f) from IndexFailure f group by f.status", Object[].class)
                .getResultList());
        long pendingNow = 0;
        long deadNow = 0;
        for (Object[] row : counts) {
            if (IndexFailure.PENDING.equals(row[0])) {
                pendingNow = ((Number) row[1]).longValue();
            } else if (IndexFailure.DEAD.equals(row[0])) {
                deadNow = ((Number) row[1]).longValue();
            }
        }
        pending.set(pendingNow);
        dead.set(deadNow);
    }

    static String itemType(CatalogEvent event) {
        if (event instanceof NewsletterUpserted || event instanceof NewsletterDeleted) {
            return "newsletter";
        }
        if (event instanceof PostEvent || event instanceof PostDeleted) {
            return "post";
        }
        if (event instanceof CategoryUpserted || event instanceof CategoryDeleted) {
            return "category";
        }
        throw new IllegalArgumentException("not a catalog item: " + event.getClass().getSimpleName());
    }

    private static UUID newsletterOf(CatalogEvent event) {
        if (event instanceof PostEvent p) {
            return p.newsletterId();
        }
        if (event instanceof PostDeleted p) {
            return p.newsletterId();
        }
        if (event instanceof NewsletterUpserted || event instanceof NewsletterDeleted) {
            return event.itemId();
        }
        return null;
    }
}
