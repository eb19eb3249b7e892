package app.inbo.recommendation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every tunable of the recommendation service, under {@code recommendation.*}; the defaults are the documented
 * values. Out-of-range values stop the service at start (Bean Validation of the mapping).
 */
@ConfigMapping(prefix = "recommendation")
public interface RecommendationConfig {

    Cache cache();

    Features features();

    Ranking ranking();

    Candidates candidates();

    CatalogStatistics catalogStatistics();

    ItemSimilarity itemSimilarity();

    Experiments experiments();

    interface Cache {
        /** How long a computed list stays cached; the user's next interaction invalidates it earlier. */
        @WithDefault("10")
        @Min(5)
        @Max(15)
        int ttlMinutes();

        /** How long a Redis call may take before serving goes on without the cache. */
        @WithDefault("500")
        @Positive
        int timeoutMs();
    }

    interface Features {
        /** Half-life of a user's category affinity. */
        @WithDefault("168")
        @Positive
        double affinityHalfLifeHours();

        /** Half-life of an item's popularity. */
        @WithDefault("72")
        @Positive
        double popularityHalfLifeHours();

        /** Preferred categories = the top-k categories by decayed affinity. */
        @WithDefault("5")
        @Min(1)
        @Max(50)
        int preferredCategories();

        /** How many of the user's most recent engaged items pair with a newly engaged item (co-engagement). */
        @WithDefault("10")
        @Min(1)
        @Max(200)
        int coEngagementRecentItems();

        /**
         * Affinity a followed category has on top of what the user's events gave it (a followed newsletter counts
         * toward each of its categories, once per category however many follows lead to it); it does not decay, and
         * unfollowing removes it.
         */
        @WithDefault("3.0")
        @PositiveOrZero
        double followWeight();

        /** Affinity added to each category of the item, by what the user did. */
        AffinityWeights affinity();

        /** Popularity added to the item, by what the user did. */
        PopularityWeights popularity();
    }

    /** Weight per interaction kind; {@code view} is an impression, {@code open} an opened item. */
    interface EventWeights {
        double view();

        double open();

        double click();

        double read();

        double complete();

        double dismiss();
    }

    interface PopularityWeights extends EventWeights {
        @Override
        @WithDefault("0.02")
        double view();

        @Override
        @WithDefault("0.5")
        double open();

        @Override
        @WithDefault("1.0")
        double click();

        @Override
        @WithDefault("0.3")
        double read();

        @Override
        @WithDefault("1.5")
        double complete();

        @Override
        @WithDefault("-0.3")
        double dismiss();
    }

    interface AffinityWeights extends EventWeights {
        @Override
        @WithDefault("0.05")
        double view();

        @Override
        @WithDefault("0.5")
        double open();

        @Override
        @WithDefault("1.0")
        double click();

        @Override
        @WithDefault("0.3")
        double read();

        @Override
        @WithDefault("2.0")
        double complete();

        @Override
        @WithDefault("-2.0")
        double dismiss();
    }

    interface Ranking {
        /** Weight of the user's category affinity in the score. */
        @WithDefault("1.0")
        @PositiveOrZero
        double affinityWeight();

        /** Weight of the item-to-item model's similarity to the items the user engaged with. */
        @WithDefault("1.2")
        @PositiveOrZero
        double similarityWeight();

        /** Weight of item-to-item co-engagement with the user's recent items. */
        @WithDefault("0.6")
        @PositiveOrZero
        double coEngagementWeight();

        @WithDefault("0.3")
        @PositiveOrZero
        double popularityWeight();

        @WithDefault("0.2")
        @PositiveOrZero
        double freshnessWeight();

        /** Freshness halves every this many hours since publication. */
        @WithDefault("168")
        @Positive
        double freshnessHalfLifeHours();

        /** Score multiplier for an item the user already engaged with (still allowed, just less likely). */
        @WithDefault("0.3")
        @DecimalMin("0")
        @DecimalMax("1")
        double seenPenalty();

        /** Score multiplier per already chosen item of the same category within a window (diversity). */
        @WithDefault("0.8")
        @DecimalMin("0")
        @DecimalMax("1")
        double diversityDecay();

        /** Distinct categories required in each window of {@link #diversityWindow()} items, when possible. */
        @WithDefault("3")
        @Min(1)
        int minCategoriesPerWindow();

        @WithDefault("10")
        @Min(1)
        int diversityWindow();

        /** The longest list served (and cached); {@code limit} is capped to it. */
        @WithDefault("50")
        @Min(1)
        @Max(200)
        int maxLimit();
    }

    interface Candidates {
        /** Candidates per preferred category, the freshest. */
        @WithDefault("60")
        @Min(1)
        int perPreferredCategory();

        /**
         * The most popular items of the preferred categories, per preferred category. Found by walking the catalog's
         * popularity order until enough are in those categories, so it costs the more the smaller their share of the
         * catalog: a list of {@code max-limit} needs few per category beside the freshest and the model's.
         */
        @WithDefault("20")
        @Min(0)
        int popularPerPreferredCategory();

        /** Candidates per other category, so diversity always has material. */
        @WithDefault("3")
        @Min(0)
        int perOtherCategory();

        @WithDefault("100")
        @Min(0)
        int coEngaged();

        /** Candidates from the item-to-item model (most similar to the user's items). */
        @WithDefault("100")
        @Min(0)
        int similar();

        @WithDefault("100")
        @Min(1)
        int popular();

        @WithDefault("100")
        @Min(1)
        int fresh();
    }

    /**
     * When the catalog projection's planner statistics are refreshed: a bulk load changes its tables far faster than
     * autovacuum analyzes them (and where autovacuum is off, never), leaving plans made for an empty catalog.
     */
    interface CatalogStatistics {
        /** How often the tables are checked. */
        @WithDefault("5s")
        String interval();

        /** Changed rows since a table's last refresh that make a refresh due, at least ... */
        @WithDefault("1000")
        @Min(1)
        int minChanges();

        /** ... plus this share of the table's rows. */
        @WithDefault("0.2")
        @DecimalMin("0")
        double shareOfRows();
    }

    /**
     * The item-to-item model (item-kNN over the whole engagement history, {@code ItemSimilarity}): trained every
     * {@code interval} by one instance at a time; served from the user's most recent engaged items.
     */
    interface ItemSimilarity {
        @WithDefault("10m")
        String interval();

        /** Wait after start before the first training (lets a fresh instance become ready first). */
        @WithDefault("30s")
        String firstDelay();

        /** Most similar items kept per item. */
        @WithDefault("30")
        @Min(1)
        @Max(500)
        int neighbours();

        /** Users two items need in common to be neighbours. */
        @WithDefault("2")
        @Min(1)
        int minCommonUsers();

        /** Similarity × common / (common + shrinkage): support from few users counts less. */
        @WithDefault("5")
        @DecimalMin("0")
        double shrinkage();

        /** Each user's most recent engaged items that training reads: bounds its time (∑ items²) and memory. */
        @WithDefault("200")
        @Min(2)
        int maxItemsPerUser();

        /** The user's most recent engaged items whose neighbours are candidates when serving. */
        @WithDefault("50")
        @Min(1)
        @Max(500)
        int userItems();
    }

    /** A/B experiments of the ranking (defined through the admin API, stored in the database). */
    interface Experiments {
        /**
         * How often each instance reads which experiment ranks: a change made on another instance ranks here within
         * this time (the instance that made it ranks with it at once).
         */
        @WithDefault("2s")
        String refresh();

        /**
         * An experiment started at start-up unless one of its name exists already (running, switched or ended by an
         * admin: left as it is), so a deploy can bring its own experiment, and every replica and restart agrees.
         */
        Optional<Seed> seed();

        /** False leaves the seed out (a benchmark that measures one ranking on its own). */
        @WithDefault("true")
        boolean seedEnabled();

        interface Seed {
            String name();

            List<SeedVariant> variants();
        }

        interface SeedVariant {
            String name();

            double share();

            /** Ranking overrides by snake_case setting name, e.g. {@code ...variants[1].ranking.affinity_weight=0.5}. */
            Map<String, Double> ranking();
        }
    }
}
