package app.inbo.support.tx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A batch gathered during the current transaction and written just before it commits, in it: a consumer collects
 * the effects of many events and writes them set-based, once. A failure of that write rolls the transaction back
 * with everything else in it. Nothing is written for a transaction already marked for rollback.
 */
@ApplicationScoped
public class BeforeCommit {

    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * The current transaction's batch under {@code key}: made by {@code fresh} on first use, which also registers
     * {@code write} to run with it before the commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T batch(Object key, Supplier<T> fresh, Consumer<T> write) {
        @SuppressWarnings("unchecked")
        T batch = (T) transactions.getResource(key);
        if (batch == null) {
            T created = fresh.get();
            transactions.putResource(key, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                        write.accept(created);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    // nothing is kept between transactions
                }
            });
            batch = created;
        }
        return batch;
    }
}
