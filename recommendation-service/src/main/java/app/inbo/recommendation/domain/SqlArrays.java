package app.inbo.recommendation.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Writes Java collections as PostgreSQL array literals, so a whole batch travels in one statement ({@code unnest}).
 * Bind them with {@code setObject(i, literal, Types.OTHER)} where the statement casts the parameter
 * ({@code ?::uuid[]}, {@code ?::float8[]}, …): the parameter then has the array type and the server parses the
 * literal once. Bound as text instead, the cast is an expression over the parameter that a generic plan evaluates
 * again wherever it is used — per row in {@code x = any(?::uuid[])} (uncached recommendations took 40 % longer).
 * <p>
 * Built here rather than with {@code Connection.createArrayOf}: the driver writes any object array through its
 * generic path, which inspects every character of every element for quoting — a fifth of the ingestion's CPU at
 * a few thousand events a second. Identifiers, numbers, booleans and instants never need quoting; only free text
 * is quoted and escaped.
 */
final class SqlArrays {

    private SqlArrays() {
    }

    static String uuids(Collection<UUID> values) {
        return plain(values, 37);
    }

    /** Instants as ISO-8601 text; the statement casts them with {@code ::timestamptz[]} (or per element). */
    static String instants(Collection<Instant> values) {
        return plain(values, 28);
    }

    static String doubles(Collection<Double> values) {
        return plain(values, 12);
    }

    static String ints(Collection<Integer> values) {
        return plain(values, 6);
    }

    static String longs(Collection<Long> values) {
        return plain(values, 8);
    }

    static String booleans(Collection<Boolean> values) {
        return plain(values, 6);
    }

    /** Free text: each element double-quoted, with {@code "} and {@code \} escaped; null stays NULL. */
    static String texts(Collection<String> values) {
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
        return literal.append('}').toString();
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
