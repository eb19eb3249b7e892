package app.inbo.search.domain;

import app.inbo.support.jdbc.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The index tables, and the merge of their GIN pending lists: the newest entries of a fresh or bulk-loaded index sit
 * there until autovacuum (which may be off) merges them, and every search reads them in full (up to 4 MB per index).
 */
@ApplicationScoped
public class IndexUpkeep {

    /** The index tables. */
    public static final List<String> TABLES = List.of("search_document", "search_term");

    /** Moves the pending entries of every GIN index of the index tables into the index proper. */
    private static final String MERGE_PENDING = """
            select coalesce(sum(gin_clean_pending_list(i.indexrelid::regclass)), 0)
            from pg_index i
            join pg_class c on c.oid = i.indexrelid
            join pg_am a on a.oid = c.relam
            where a.amname = 'gin' and i.indrelid = any(?::regclass[])
            """;

    /** Returns the number of pending-list pages merged. */
    public long mergePendingEntries(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(MERGE_PENDING)) {
            SqlArrays.texts(s, 1, TABLES);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
