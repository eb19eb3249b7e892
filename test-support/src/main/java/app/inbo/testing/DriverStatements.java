package app.inbo.testing;

import app.inbo.support.outbox.OutboxRelay;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the statements the application sends to PostgreSQL while {@code work} runs, whatever sends them
 * (Hibernate or plain JDBC on a pooled connection) and on whichever thread (a page is served on a server thread,
 * not the test's): each statement the driver executes is one {@code FE=> Execute} in its protocol trace, which is
 * switched on for the duration of the count only. Everything the application runs in that time is counted, so a
 * test keeps background work (consumers, scheduled jobs) idle while it counts — except the outbox relay, which
 * publishes whenever a commit wakes it and counts its backlog every few seconds, on threads of its own that are left
 * out. The service's test profile must let the driver's trace through:
 * {@code quarkus.log.category."org.postgresql.core.v3.QueryExecutorImpl".min-level=TRACE}.
 */
public final class DriverStatements {

    private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
    private static final Set<String> RELAY_THREADS = Set.of(OutboxRelay.RELAY_THREAD, OutboxRelay.PENDING_COUNT_THREAD);

    private DriverStatements() {
    }

    public static <T> Counted<T> count(Supplier<T> work) {
        AtomicInteger executed = new AtomicInteger();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // handlers run on the thread that logs, i.e. the one that sent the statement
                if (record.getMessage() != null && record.getMessage().startsWith(" FE=> Execute(")
                        && !RELAY_THREADS.contains(Thread.currentThread().getName())) {
                    executed.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level level = DRIVER.getLevel();
        boolean parents = DRIVER.getUseParentHandlers();
        DRIVER.addHandler(counter);
        DRIVER.setUseParentHandlers(false);
        DRIVER.setLevel(Level.FINEST);
        try {
            T result = work.get();
            return new Counted<>(result, executed.get());
        } finally {
            DRIVER.setLevel(level);
            DRIVER.setUseParentHandlers(parents);
            DRIVER.removeHandler(counter);
        }
    }

    public record Counted<T>(T result, int statements) {
    }
}
