package app.inbo.recommendation.service;

import app.inbo.recommendation.config.RecommendationConfig;
import app.inbo.support.jdbc.TableStatistics;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Refreshes the planner statistics (and visibility maps) of the catalog projection after large changes. A bulk load
 * such as the demo catalog outruns autovacuum, and where autovacuum is off the tables are never analyzed: plans are
 * then made for an empty catalog (hash joins over whole tables, cost estimates large enough to JIT-compile every
 * query). Every {@code recommendation.catalog-statistics.interval}, a table whose rows changed by
 * {@code min-changes} plus {@code share-of-rows} of the table since its last refresh is vacuumed and analyzed.
 */
@ApplicationScoped
public class CatalogStatistics {

    private static final List<String> TABLES = List.of("catalog_item", "catalog_item_category", "catalog_category");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecommendationConfig config;

    @Inject
    MeterRegistry registry;

    private TableStatistics statistics;

    @PostConstruct
    void init() {
        RecommendationConfig.CatalogStatistics settings = config.catalogStatistics();
        statistics = new TableStatistics(dataSource, TABLES, TableStatistics.Refresh.VACUUM_ANALYZE,
                settings.minChanges(), settings.shareOfRows(),
                registry.timer("recommendation_catalog_statistics_refresh_seconds"),
                registry.counter("recommendation_catalog_statistics_failures_total"));
    }

    @Scheduled(every = "${recommendation.catalog-statistics.interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        statistics.refreshDue();
    }
}
