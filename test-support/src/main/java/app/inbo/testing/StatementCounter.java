package app.inbo.testing;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.util.function.Supplier;

/**
 * Counts the SQL statements Hibernate prepares on the calling thread, so a test can show that a read costs a
 * fixed number of statements whatever its size (no N+1). Per thread, so background work (the outbox relay,
 * consumers) does not blur the count.
 */
@PersistenceUnitExtension
public class StatementCounter implements StatementInspector {

    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();

    @Override
    public String inspect(String sql) {
        int[] count = COUNT.get();
        if (count != null) {
            count[0]++;
        }
        return sql;
    }

    /** Runs {@code work} on this thread and returns how many statements it prepared. */
    public static <T> Counted<T> count(Supplier<T> work) {
        int[] count = {0};
        COUNT.set(count);
        try {
            T result = work.get();
            return new Counted<>(result, count[0]);
        } finally {
            COUNT.remove();
        }
    }

    public record Counted<T>(T result, int statements) {
    }
}
