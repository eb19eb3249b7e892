package app.inbo.search.service;

import app.inbo.search.config.SearchConfig;
import app.inbo.search.domain.IndexUpkeep;
import app.inbo.support.jdbc.TableStatistics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the index fast to query after changes, without waiting for autovacuum: every
 * {@code inbo.search.maintenance.interval}, if documents changed, the GIN pending lists are merged (every search
 * reads them in full), and the statistics of the index tables are refreshed when due (the planner needs them to tell
 * common words from rare ones). The first run after start merges whatever changed, for what an earlier instance left
 * behind.
 */
@ApplicationScoped
public class IndexMaintenance {

    private static final Logger LOG = Logger.getLogger(IndexMaintenance.class);

    @Inject
    DataSource dataSource;

    @Inject
    IndexUpkeep upkeep;

    @Inject
    SearchConfig config;

    @Inject
    MeterRegistry registry;

    /** Committed changes since the last merge; starts at 1 so that the first run merges. */
    private final AtomicLong changes = new AtomicLong(1);

    private TableStatistics statistics;

    @PostConstruct
    void init() {
        SearchConfig.Maintenance settings = config.maintenance();
        statistics = new TableStatistics(dataSource, IndexUpkeep.TABLES, TableStatistics.Refresh.ANALYZE,
                settings.analyzeThreshold(), settings.analyzeScaleFactor(),
                registry.timer("search_index_upkeep_seconds", "task", "analyze"),
                registry.counter("search_index_upkeep_failures_total"));
    }

    /** Called after a transaction that changed the index committed. */
    void changed(long count) {
        changes.addAndGet(count);
    }

    @Scheduled(every = "${inbo.search.maintenance.interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void upkeep() {
        long changed = changes.getAndSet(0);
        if (changed > 0) {
            mergePendingEntries(changed);
        }
        statistics.refreshDue();
    }

    private void mergePendingEntries(long changed) {
        try (Connection c = dataSource.getConnection()) {
            Timer.Sample merge = Timer.start(registry);
            long pages = upkeep.mergePendingEntries(c);
            merge.stop(registry.timer("search_index_upkeep_seconds", "task", "merge_pending"));
            LOG.debugf("merged %d pending GIN pages after %d changes", pages, changed);
        } catch (SQLException e) {
            // housekeeping only: searches still work (slower); try again next time
            changes.addAndGet(changed);
            registry.counter("search_index_upkeep_failures_total").increment();
            LOG.warnf("merging the index's pending entries failed, retrying in %s: %s", config.maintenance().interval(),
                    e.getMessage());
        }
    }
}
