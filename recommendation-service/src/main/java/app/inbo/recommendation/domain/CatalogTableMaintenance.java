package app.inbo.recommendation.domain;

import app.inbo.recommendation.config.RecommendationConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Refreshes the planner statistics (and visibility maps) of the catalog projection after large changes. A bulk load
 * such as the demo catalog (52,000 items in about a minute) outruns autovacuum, and where autovacuum is off the
 * tables are never analyzed: plans are then made for an empty catalog (hash joins over whole tables, cost estimates
 * large enough to JIT-compile every query). Once {@code recommendation.catalog-statistics.min-changes} plus
 * {@code share-of-items} of the catalog's items changed since the last refresh, the tables are vacuumed and
 * analyzed — after the commit of the batch, outside any transaction, on the consumer's thread.
 */
@ApplicationScoped
public class CatalogTableMaintenance {

    private static final Logger LOG = Logger.getLogger(CatalogTableMaintenance.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecommendationConfig config;

    @Inject
    MeterRegistry registry;

    private long changesSinceRefresh;
    private double itemsAtRefresh = -1;

    /** Counts committed catalog changes; refreshes the statistics when they are due. */
    public synchronized void changed(int changes) {
        changesSinceRefresh += changes;
        if (itemsAtRefresh >= 0 && changesSinceRefresh < due(itemsAtRefresh)) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (itemsAtRefresh < 0) {
                itemsAtRefresh = estimatedItems(statement);
                if (changesSinceRefresh < due(itemsAtRefresh)) {
                    return;
                }
            }
            Timer.Sample sample = Timer.start(registry);
            statement.execute("vacuum (analyze) catalog_item, catalog_item_category, catalog_category");
            sample.stop(registry.timer("recommendation_catalog_statistics_refresh_seconds"));
            itemsAtRefresh = estimatedItems(statement);
            LOG.debugf("catalog statistics refreshed after %s changes; about %.0f items", Long.valueOf(changesSinceRefresh), Double.valueOf(itemsAtRefresh));
            changesSinceRefresh = 0;
        } catch (SQLException e) {
            // plans stay as they were until the next due refresh; the changes themselves are committed
            registry.counter("recommendation_catalog_statistics_failures_total").increment();
            LOG.warnf("refreshing the catalog statistics failed (%s); retried after the next catalog change", e.getMessage());
        }
    }

    private double due(double items) {
        RecommendationConfig.CatalogStatistics settings = config.catalogStatistics();
        return settings.minChanges() + settings.shareOfItems() * items;
    }

    private static double estimatedItems(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("select reltuples from pg_class where oid = 'catalog_item'::regclass")) {
            rows.next();
            return Math.max(0, rows.getDouble(1));
        }
    }
}
