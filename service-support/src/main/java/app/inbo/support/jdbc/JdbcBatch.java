package app.inbo.support.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A prepared statement sent to the database every {@code size} rows: bulk writes (outbox rows, catalog loads,
 * interaction batches) go in a few round trips without holding every row in the driver at once.
 * Bind a row's parameters, call {@link #add()}, and {@link #flush()} once at the end.
 */
public final class JdbcBatch {

    public static final int DEFAULT_SIZE = 500;

    private final PreparedStatement statement;
    private final int size;
    private int pending;

    public JdbcBatch(PreparedStatement statement) {
        this(statement, DEFAULT_SIZE);
    }

    public JdbcBatch(PreparedStatement statement, int size) {
        this.statement = statement;
        this.size = size;
    }

    public void add() throws SQLException {
        statement.addBatch();
        if (++pending == size) {
            flush();
        }
    }

    public void flush() throws SQLException {
        if (pending > 0) {
            statement.executeBatch();
            pending = 0;
        }
    }
}
