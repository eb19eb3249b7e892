package app.inbo.support.jdbc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps the planner statistics of some tables fresh without waiting for autovacuum, which may be off, or late after
 * a bulk load: until then the planner plans for the table as it was (empty, often), or cannot tell a common value
 * from a rare one. Each {@link #refreshDue()} refreshes the tables that are due, by autovacuum's rule: never analyzed
 * (statistics also vanish with a copied database or a crash), or whose rows changed since their last statistics by
 * more than {@code threshold + scaleFactor × rows}. PostgreSQL counts those changes, whichever instance made them and
 * across restarts; an advisory lock lets one instance at a time refresh, and the others find the tables fresh.
 * Only what the tables' owner may read is used ({@code pg_stats}, not the superuser's {@code pg_statistic}).
 * Failures are logged and counted, never thrown: statistics are housekeeping, the next call tries again.
 */
public final class TableStatistics {

    private static final Logger LOG = Logger.getLogger(TableStatistics.class);
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    private static final String DUE = """
            select c.relname from pg_class c
            left join pg_stat_user_tables s on s.relid = c.oid
            where c.oid = any(?::regclass[])
              and (c.reltuples < 0
                   or (c.relpages > 0 and not exists (select 1 from pg_stats p
                       where p.schemaname = c.relnamespace::regnamespace::text and p.tablename = c.relname))
                   or coalesce(s.n_mod_since_analyze, 0) > ? + ? * greatest(c.reltuples, 0))
            order by c.relname
            """;

    /** What a refresh does. */
    public enum Refresh {
        ANALYZE("analyze "),
        /** Also brings the visibility map up to date, which index-only scans rely on. */
        VACUUM_ANALYZE("vacuum (analyze) ");

        private final String statement;

        Refresh(String statement) {
            this.statement = statement;
        }
    }

    private final DataSource dataSource;
    private final List<String> tables;
    private final Refresh refresh;
    private final long threshold;
    private final double scaleFactor;
    private final Timer refreshed;
    private final Counter failures;
    private final String lockName;

    /**
     * @param tables      the tables looked after, by name (in the connection's search path)
     * @param threshold   changed rows that make a table due, at least ...
     * @param scaleFactor ... plus this share of its rows
     * @param refreshed   times each table's refresh
     * @param failures    counts the calls that failed
     */
    public TableStatistics(DataSource dataSource, List<String> tables, Refresh refresh, long threshold,
                           double scaleFactor, Timer refreshed, Counter failures) {
        for (String table : tables) {
            if (!TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("not a plain table name: " + table);
            }
        }
        this.dataSource = dataSource;
        this.tables = List.copyOf(tables);
        this.refresh = refresh;
        this.threshold = threshold;
        this.scaleFactor = scaleFactor;
        this.refreshed = refreshed;
        this.failures = failures;
        this.lockName = "table-statistics:" + String.join(",", this.tables);
    }

    /**
     * Refreshes the tables that are due, on a connection of its own outside any transaction (a vacuum cannot run in
     * one); returns them: none when nothing is due, another instance is refreshing, or the database failed.
     */
    public List<String> refreshDue() {
        try (Connection c = dataSource.getConnection()) {
            return AdvisoryLock.tryWith(c, lockName, () -> {
                List<String> due = due(c);
                for (String table : due) {
                    Timer.Sample sample = Timer.start();
                    try (Statement s = c.createStatement()) {
                        s.execute(refresh.statement + table);
                    }
                    sample.stop(refreshed);
                    LOG.debugf("statistics of %s refreshed", table);
                }
                return due;
            }).orElse(List.of());
        } catch (SQLException e) {
            failures.increment();
            LOG.warnf("refreshing the statistics of %s failed, retried next time: %s", tables, e.getMessage());
            return List.of();
        }
    }

    private List<String> due(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DUE)) {
            SqlArrays.texts(s, 1, tables);
            s.setLong(2, threshold);
            s.setDouble(3, scaleFactor);
            List<String> due = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    due.add(rows.getString(1));
                }
            }
            return due;
        }
    }
}
