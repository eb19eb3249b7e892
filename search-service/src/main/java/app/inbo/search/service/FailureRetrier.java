package app.inbo.search.service;

import app.inbo.contracts.events.CatalogEvent;
import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.PoisonEventException;
import app.inbo.search.config.SearchConfig;
import app.inbo.search.domain.IndexFailure;
import app.inbo.support.messaging.TransientFailures;
import app.inbo.support.tx.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Retries stored failures: on schedule (every {@code inbo.search.retry.poll-interval}, the failures whose next
 * attempt is due), or at once when an admin asks. Each attempt runs in its own transaction and applies the stored
 * event through the same {@link DocumentIndexer} as the consumer. Success removes the record; a failure counts the
 * attempt and schedules the next with back-off and jitter, or marks the record dead after the last attempt.
 * <p>
 * A transient failure (the database is away) is not an attempt of the document: the record stays as it is and the
 * next tick tries again, so an outage never uses up a document's attempts.
 */
@ApplicationScoped
public class FailureRetrier {

    private static final Logger LOG = Logger.getLogger(FailureRetrier.class);

    /** What one attempt ended with. */
    public enum Result { SUCCEEDED, FAILED, DEAD, NOT_FOUND }

    @Inject
    EntityManager em;

    @Inject
    DocumentIndexer indexer;

    @Inject
    IndexChanges changes;

    @Inject
    FailureStore failures;

    @Inject
    AfterCommit afterCommit;

    @Inject
    SearchConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Scheduled(every = "${inbo.search.retry.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void retryDue() {
        try {
            List<UUID> due = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                            "select f.itemId from IndexFailure f where f.status = :pending and f.nextAttemptAt <= :now "
                                    + "order by f.nextAttemptAt", UUID.class)
                    .setParameter("pending", IndexFailure.PENDING)
                    .setParameter("now", Instant.now(clock))
                    .setMaxResults(config.retry().batchSize())
                    .getResultList());
            for (UUID itemId : due) {
                attempt(itemId, true);
            }
            failures.refreshGauges();
        } catch (PersistenceException | QuarkusTransactionException e) {
            deferIfTransient(e);
        }
    }

    /** Admin: one attempt now, whatever the schedule or status. */
    public Result retryNow(UUID itemId) {
        Result result = attempt(itemId, false);
        failures.refreshGauges();
        return result;
    }

    /** Admin: one attempt now for every stored failure (of one status, or all). */
    public Tally retryAll(Optional<String> status) {
        Tally tally = new Tally();
        // PostgreSQL orders uuids as unsigned bytes: the all-zero uuid comes first
        UUID after = new UUID(0, 0);
        while (true) {
            UUID from = after;
            List<UUID> page = QuarkusTransaction.requiringNew().call(() -> {
                var query = em.createQuery("select f.itemId from IndexFailure f where f.itemId > :after"
                                + (status.isPresent() ? " and f.status = :status" : "") + " order by f.itemId", UUID.class)
                        .setParameter("after", from)
                        .setMaxResults(config.retry().batchSize());
                status.ifPresent(s -> query.setParameter("status", s));
                return query.getResultList();
            });
            if (page.isEmpty()) {
                break;
            }
            for (UUID itemId : page) {
                tally.count(attempt(itemId, false));
            }
            after = page.get(page.size() - 1);
        }
        failures.refreshGauges();
        return tally;
    }

    /** Counts of an admin retry of many failures. */
    public static final class Tally {
        public int succeeded;
        public int failed;
        public int dead;

        void count(Result result) {
            switch (result) {
                case SUCCEEDED -> succeeded++;
                case FAILED -> failed++;
                case DEAD -> dead++;
                case NOT_FOUND -> {
                    // removed meanwhile (a newer event superseded it): nothing to count
                }
            }
        }
    }

    /** One attempt in its own transaction; {@code onlyWhenDue} skips a record that is not (or no longer) due. */
    private Result attempt(UUID itemId, boolean onlyWhenDue) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now(clock);
            List<IndexFailure> locked = em.createNativeQuery(
                            "select * from index_failure where item_id = ?1 for update skip locked", IndexFailure.class)
                    .setParameter(1, itemId)
                    .getResultList();
            if (locked.isEmpty()) {
                return Result.NOT_FOUND;
            }
            IndexFailure failure = locked.get(0);
            if (onlyWhenDue && (!IndexFailure.PENDING.equals(failure.status) || failure.nextAttemptAt == null
                    || failure.nextAttemptAt.isAfter(now))) {
                return Result.NOT_FOUND;
            }
            Result result = apply(failure, now);
            afterCommit.run(FailureRetrier.class, () ->
                    registry.counter("search_index_retries_total", "outcome", result.name().toLowerCase()).increment());
            return result;
        });
    }

    private Result apply(IndexFailure failure, Instant now) {
        CatalogEvent event;
        try {
            EventEnvelope<EventPayload> envelope = EventCodec.decode(failure.event);
            event = (CatalogEvent) envelope.payload();
        } catch (PoisonEventException | ClassCastException unreadable) {
            return fail(failure, now, "stored event unreadable: " + unreadable.getMessage(), true);
        }
        DocumentIndexer.Outcome outcome = indexer.apply(event);
        if (outcome instanceof DocumentIndexer.Failed failed) {
            return fail(failure, now, failed.describe(), false);
        }
        changes.record(outcome);
        // the index statement removed the record (it supersedes the failed event); forget the loaded copy
        em.detach(failure);
        LOG.infof("attempt %d of %s %s succeeded", failure.attempts + 1, failure.itemType, failure.itemId);
        return Result.SUCCEEDED;
    }

    private Result fail(IndexFailure failure, Instant now, String error, boolean never) {
        failure.attempts++;
        failure.lastError = error;
        failure.lastAttemptAt = now;
        if (never || failures.backoff().exhausted(failure.attempts)) {
            failure.status = IndexFailure.DEAD;
            failure.nextAttemptAt = null;
            LOG.errorf("indexing %s %s failed %d times; marked dead: %s", failure.itemType, failure.itemId,
                    failure.attempts, error);
            return Result.DEAD;
        }
        failure.status = IndexFailure.PENDING;
        failure.nextAttemptAt = failures.nextAttempt(now, failure.attempts);
        LOG.warnf("attempt %d of %s %s failed; next attempt at %s: %s", failure.attempts, failure.itemType,
                failure.itemId, failure.nextAttemptAt, error);
        return Result.FAILED;
    }

    private void deferIfTransient(RuntimeException e) {
        if (!TransientFailures.isTransient(e)) {
            throw e;
        }
        registry.counter("search_index_retries_total", "outcome", "deferred").increment();
        LOG.warnf("retrier deferred: the database is unavailable (%s); failures keep their attempts", e.getMessage());
    }
}
