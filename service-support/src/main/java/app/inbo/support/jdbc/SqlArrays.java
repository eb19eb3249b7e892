package app.inbo.support.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Binds Java collections as PostgreSQL array literals, so a whole batch travels in one statement ({@code unnest}).
 * The statement casts the parameter ({@code ?::uuid[]}, {@code ?::float8[]}, …); it is bound with an unspecified
 * type, so the parameter takes the array type and the server parses the literal once. Bound as text instead, the
 * cast is an expression over the parameter that a generic plan evaluates again wherever it is used — per row in
 * {@code x = any(?::uuid[])}.
 * <p>
 * Built here rather than with {@code Connection.createArrayOf}: the driver writes any object array through its
 * generic path, which inspects every character of every element for quoting, a hot spot of the ingestion.
 * Identifiers, numbers, booleans and instants never need quoting; only free text is quoted and escaped. Where the
 * column or an operator gives the parameter its type (an insert into an array column) no cast is needed; in
 * {@code unnest(?)} or {@code any(?)} the statement casts it. The one way the services bind bulk SQL.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static void uuids(PreparedStatement statement, int index, Collection<UUID> values) throws SQLException {
        bind(statement, index, plain(values, 37));
    }

    /** Instants as ISO-8601 text; the statement casts them with {@code ::timestamptz[]} (or per element). */
    public static void instants(PreparedStatement statement, int index, Collection<Instant> values) throws SQLException {
        bind(statement, index, plain(values, 28));
    }

    public static void numbers(PreparedStatement statement, int index, Collection<? extends Number> values) throws SQLException {
        bind(statement, index, plain(values, 10));
    }

    public static void booleans(PreparedStatement statement, int index, Collection<Boolean> values) throws SQLException {
        bind(statement, index, plain(values, 6));
    }

    /** Free text: each element double-quoted, with {@code "} and {@code \} escaped; null stays NULL. */
    public static void texts(PreparedStatement statement, int index, Collection<String> values) throws SQLException {
        StringBuilder literal = new StringBuilder(values.size() * 16 + 2).append('{');
        boolean first = true;
        for (String value : values) {
            if (!first) {
                literal.append(',');
            }
            first = false;
            if (value == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        bind(statement, index, literal.append('}').toString());
    }

    private static void bind(PreparedStatement statement, int index, String literal) throws SQLException {
        statement.setObject(index, literal, Types.OTHER);
    }

    /** Elements whose text form has no character an array literal would need quoted (no , { } " \ or space). */
    private static String plain(Collection<?> values, int width) {
        StringBuilder literal = new StringBuilder(values.size() * width + 2).append('{');
        boolean first = true;
        for (Object value : values) {
            if (!first) {
                literal.append(',');
            }
            first = false;
            literal.append(value == null ? "NULL" : value.toString());
        }
        return literal.append('}').toString();
    }
}
