package app.inbo.search.domain;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The upkeep statements of the index tables: planner statistics and the GIN pending lists. PostgreSQL's autovacuum
 * does both when it is on and has got round to it; until then a fresh or bulk-loaded index has no statistics (so the
 * planner cannot tell a word in every document from a rare one) and its newest entries sit in the GIN indexes'
 * pending lists, which every search reads in full (up to 4 MB per index).
 */
@ApplicationScoped
public class IndexUpkeep {

    /**
     * The tables never analyzed (statistics also vanish with a copied database or a crash), or whose rows changed
     * since their last statistics by more than threshold + scale × rows (autovacuum's rule).
     */
    private static final String STALE_STATISTICS = """
            select c.relname from pg_class c
            left join pg_stat_user_tables s on s.relid = c.oid
            where c.oid in ('search_document'::regclass, 'search_term'::regclass)
              and (c.reltuples < 0
                   or (c.relpages > 0 and not exists (select 1 from pg_statistic p where p.starelid = c.oid))
                   or coalesce(s.n_mod_since_analyze, 0) > ? + ? * greatest(c.reltuples, 0))
            order by c.relname
            """;

    /** Moves the pending entries of every GIN index of the index tables into the index proper. */
    private static final String MERGE_PENDING = """
            select coalesce(sum(gin_clean_pending_list(i.indexrelid::regclass)), 0)
            from pg_index i
            join pg_class c on c.oid = i.indexrelid
            join pg_am a on a.oid = c.relam
            where a.amname = 'gin' and i.indrelid in ('search_document'::regclass, 'search_term'::regclass)
            """;

    public List<String> staleStatistics(Connection c, long threshold, double scaleFactor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(STALE_STATISTICS)) {
            s.setLong(1, threshold);
            s.setDouble(2, scaleFactor);
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            return tables;
        }
    }

    /** {@code table} is one of the names {@link #staleStatistics} returns. */
    public void analyze(Connection c, String table) throws SQLException {
        if (!table.equals("search_document") && !table.equals("search_term")) {
            throw new IllegalArgumentException("not an index table: " + table);
        }
        try (Statement s = c.createStatement()) {
            s.execute("analyze " + table);
        }
    }

    /** Returns the number of pending-list pages merged. */
    public long mergePendingEntries(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(MERGE_PENDING)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
