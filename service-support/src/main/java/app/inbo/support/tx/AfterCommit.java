package app.inbo.support.tx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs work once the current transaction has committed (never after a rollback): waking the outbox relay,
 * invalidating a cache, incrementing a counter that must only count committed facts. Work registered twice under
 * the same key in one transaction runs once.
 */
@ApplicationScoped
public class AfterCommit {

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Transactional(Transactional.TxType.MANDATORY)
    public void run(Object key, Runnable work) {
        @SuppressWarnings("unchecked")
        Map<Object, Runnable> pending = (Map<Object, Runnable>) transactions.getResource(AfterCommit.class);
        if (pending == null) {
            Map<Object, Runnable> fresh = new LinkedHashMap<>();
            transactions.putResource(AfterCommit.class, fresh);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        fresh.values().forEach(Runnable::run);
                    }
                }
            });
            pending = fresh;
        }
        pending.putIfAbsent(key, work);
    }
}
