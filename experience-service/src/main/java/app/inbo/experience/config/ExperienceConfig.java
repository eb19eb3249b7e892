package app.inbo.experience.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** Settings of the experience service ({@code inbo.experience.*}); every value has a documented default. */
@ConfigMapping(prefix = "inbo.experience")
public interface ExperienceConfig {

    Scoring scoring();

    Home home();

    Trending trending();

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

        /** Items asked of the recommendation service. */
        @WithDefault("20")
        int recommendationLimit();

        /** Longest wait for the neighbours, on top of their own timeouts (a guard; the timeouts fire first). */
        @WithDefault("2s")
        Duration neighbourGuard();
    }

    interface Trending {
        /** Half-life of an interaction's weight on the trending board. */
        @WithDefault("6h")
        Duration halfLife();

        /** Hour buckets that make up the board; older interactions no longer count. */
        @WithDefault("48")
        int windowHours();

        /** How often the board is rebuilt from the hour buckets. */
        @WithDefault("15s")
        Duration refreshInterval();

        /**
         * Weight an interaction type adds to its item's trending score; unlisted types (dismiss) add nothing.
         * Defaults in application.properties: view 0.2, click 1, open 1, complete 1, share 1.5, save 1.
         */
        Map<String, Double> weights();
    }
}
