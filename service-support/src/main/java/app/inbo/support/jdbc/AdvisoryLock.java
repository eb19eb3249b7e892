package app.inbo.support.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A PostgreSQL session advisory lock by name: work that one instance of a service at a time should do (the others
 * skip it). Held by the connection's session, so the work may run outside any transaction (a vacuum) or in
 * several; released when the work ends, or by PostgreSQL when the connection dies.
 */
public final class AdvisoryLock {

    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private AdvisoryLock() {
    }

    /** Runs {@code work} holding the lock {@code name} on {@code connection}; empty if another session holds it. */
    public static <T> Optional<T> tryWith(Connection connection, String name, Work<T> work) throws SQLException {
        if (!call(connection, "pg_try_advisory_lock", name)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(work.run());
        } finally {
            call(connection, "pg_advisory_unlock", name);
        }
    }

    private static boolean call(Connection connection, String function, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("select " + function + "(hashtext(?))")) {
            s.setString(1, name);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }
}
