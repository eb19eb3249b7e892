package app.inbo.recommendation.domain;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/** Binds Java collections as PostgreSQL arrays, so a whole batch travels in one statement ({@code unnest}). */
final class SqlArrays {

    private SqlArrays() {
    }

    static Array uuids(Connection connection, Collection<UUID> values) throws SQLException {
        return connection.createArrayOf("uuid", values.toArray());
    }

    static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    /** Instants as ISO-8601 text; the statement casts them with {@code ::timestamptz[]}. */
    static Array instants(Connection connection, Collection<Instant> values) throws SQLException {
        return connection.createArrayOf("text", values.stream().map(Instant::toString).toArray());
    }

    static Array doubles(Connection connection, Collection<Double> values) throws SQLException {
        return connection.createArrayOf("float8", values.toArray());
    }

    static Array ints(Connection connection, Collection<Integer> values) throws SQLException {
        return connection.createArrayOf("int4", values.toArray());
    }

    static Array longs(Connection connection, Collection<Long> values) throws SQLException {
        return connection.createArrayOf("int8", values.toArray());
    }

    static Array booleans(Connection connection, Collection<Boolean> values) throws SQLException {
        return connection.createArrayOf("bool", values.toArray());
    }
}
