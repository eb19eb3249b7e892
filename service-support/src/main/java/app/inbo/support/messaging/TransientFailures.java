package app.inbo.support.messaging;

import org.hibernate.exception.JDBCConnectionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a failure that will pass (the database is briefly away, a deadlock, a serialization conflict, no pooled
 * connection in time) from one that will happen again on every retry. Only the first kind is retried.
 */
public final class TransientFailures {

    /** SQLState classes and codes that name a passing condition (PostgreSQL's table of error codes). */
    private static final Set<String> TRANSIENT_STATE_PREFIXES = Set.of("08", "53", "57P", "40001", "40P01");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof JDBCConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && isTransientState(sql)) {
                return true;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return false;
    }

    /** A unique constraint refused a row: someone else wrote the same key first (PostgreSQL's 23505). */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return false;
    }

    /** The innermost cause, as "Type: message", for a log line. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static boolean isTransientState(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null) {
            // Agroal reports an exhausted or unreachable pool without a state
            String message = String.valueOf(sql.getMessage()).toLowerCase();
            return message.contains("acquisition timeout") || message.contains("connection refused");
        }
        return TRANSIENT_STATE_PREFIXES.stream().anyMatch(state::startsWith);
    }
}
