package app.inbo.experience.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.Map;

/** Settings of the experience service ({@code inbo.experience.*}); every value has a documented default. */
@ConfigMapping(prefix = "inbo.experience")
public interface ExperienceConfig {

    Scoring scoring();

    Home home();

    Trending trending();

    Counters counters();

    Interactions interactions();

    /** How the components of an item's score are combined: a weighted mean, so the score stays in [0, 1]. */
    interface Scoring {
        /** Weight of category affinity. */
        @WithDefault("0.4")
        double affinityWeight();

        /** Weight of freshness. */
        @WithDefault("0.35")
        double freshnessWeight();

        /** Weight of popularity (decayed clicks/views, normalised by the most popular item). */
        @WithDefault("0.25")
        double popularityWeight();

        /** Affinity of every item when the user's preferences are unknown (new user, profile unavailable). */
        @WithDefault("0.5")
        double neutralAffinity();
    }

    interface Home {
        /** Most items per section. */
        @WithDefault("10")
        int sectionSize();

        /** Candidates read per source (fresh, categories, trending) before de-duplication and exclusions. */
        @WithDefault("60")
        int candidatePool();

        /**
         * The followed section shows the newest posts of the newsletters the user follows published within this
         * time (older ones leave it; they can still appear in the other sections).
         */
        @WithDefault("336h")
        Duration followedPostsMaxAge();

        /** Items asked of the recommendation service. */
        @WithDefault("20")
        int recommendationLimit();

        /**
         * Longest wait for the page's asynchronous reads (the trending board's guarded Redis reads), on top of their
         * own timeouts (a guard; the timeouts fire first). The recommendation call is synchronous, bounded by its
         * own timeout.
         */
        @WithDefault("2s")
        Duration pageReadsGuard();

        /**
         * How long this instance reuses the newest-items lists (overall and per category) it read from the catalog
         * copy. Catalog events applied by this instance refresh them at once; another instance's catalog changes
         * show within this time.
         */
        @WithDefault("5s")
        Duration catalogListsTtl();
    }

    interface Trending {
        /** Half-life of an interaction's weight on the trending board. */
        @WithDefault("6h")
        Duration halfLife();

        /** Hour buckets that make up the board; older interactions no longer count. */
        @WithDefault("48")
        int windowHours();

        /**
         * When no interaction of the window counts (a quiet service: nobody interacted for {@link #windowHours()}),
         * the board is rebuilt over this many hours instead, so a new user's home still has trending items; the
         * hour buckets are kept this long. Not above the window: no fallback.
         */
        @WithDefault("168")
        int fallbackWindowHours();

        /** How often the board is rebuilt from the hour buckets. */
        @WithDefault("15s")
        Duration refreshInterval();

        /**
         * The board is held in memory, read again after each rebuild: this many entries at most (the whole board
         * when it is smaller, so the popularity of any item is known without a Redis call; else the top entries, and
         * the others' scores are read from Redis).
         */
        @WithDefault("5000")
        int heldEntries();

        /**
         * How long a held board is used: it is replaced after each rebuild of this instance; if rebuilds fail (Redis
         * away) pages use it this long, then read Redis (and degrade trending while Redis is away).
         */
        @WithDefault("1m")
        Duration heldFor();

        /**
         * Weight an interaction type adds to its item's trending score; unlisted types (dismiss) add nothing.
         * Defaults in application.properties: view 0.2, click 1, open 1, complete 1, share 1.5, save 1.
         */
        Map<String, Double> weights();
    }

    /**
     * The popularity counters' backup, validation and reconciliation (Redis counters vs stored interactions vs the
     * recommendation service's item features). The jobs' schedules are read by {@code @Scheduled} from the same keys.
     */
    interface Counters {
        /** How often the Redis counters are copied into the database (after validation). */
        @WithDefault("1m")
        Duration snapshotInterval();

        /** How often the three sources are compared and Redis corrected or restored. */
        @WithDefault("5m")
        Duration reconcileInterval();

        /**
         * A counter whose latest recorded interaction is older than this has no increment on its way to Redis:
         * any difference is real, and the reconciliation sets it exactly, whatever the thresholds below.
         */
        @WithDefault("10s")
        Duration settleTime();

        /** Delay of the first reconciliation after start (which restores counters a Redis restart lost). */
        @WithDefault("5s")
        Duration firstReconcileDelay();

        /**
         * A counter that grew by more than this factor times its recent rate (per second, between the two
         * previous snapshots, times the time since the last) is a spike and not copied.
         */
        @WithDefault("10")
        double spikeFactor();

        /** Growth between two snapshots that is never a spike, whatever the recent rate (warm-up, quiet items). */
        @WithDefault("1000")
        long spikeAllowance();

        /**
         * Redis is corrected from the database when a counter differs from the stored count by more than this many
         * interactions AND by more than {@link #correctAboveRatio()} of the stored count while it is not settled
         * (small differences may be increments still in flight); once settled, every difference is corrected. Lost
         * counters are always restored.
         */
        @WithDefault("3")
        long correctAbove();

        @WithDefault("0.01")
        double correctAboveRatio();

        /** Items per page when reading the recommendation service's item-feature counts. */
        @WithDefault("5000")
        int featurePageSize();

        /** Most discrepancies listed one by one in a report (all are counted). */
        @WithDefault("100")
        int reportDetailLimit();
    }

    /**
     * The client's time of an interaction ({@code occurred_at}; clients queue interactions offline and send them
     * later): accepted within these bounds of the receive time, refused outside them.
     */
    interface Interactions {
        /** How far ahead of the server's clock a client's clock may run. */
        @WithDefault("5m")
        @DurationMin(seconds = 0)
        Duration maxClockSkew();

        /** The oldest interaction accepted, before the receive time (an offline queue older than this is refused). */
        @WithDefault("30d")
        @DurationMin(seconds = 0)
        Duration maxAge();
    }
}
