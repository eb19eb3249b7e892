package app.inbo.search.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the search service ({@code inbo.search.*}). */
@ConfigMapping(prefix = "inbo.search")
public interface SearchConfig {

    Retry retry();

    Cache cache();

    Ranking ranking();

    Lexicon lexicon();

    Maintenance maintenance();

    /** Retries of documents whose indexing failed: exponential back-off with jitter, then dead. */
    interface Retry {
        /** Delay before the first retry. */
        @WithDefault("5s")
        Duration base();

        /** Each further retry waits this many times longer. */
        @WithDefault("2.0")
        double factor();

        /** No delay is longer than this. */
        @WithDefault("10m")
        Duration cap();

        /** Attempts in all (the first one included); a failure that reaches it is marked dead. */
        @WithDefault("8")
        int maxAttempts();

        /** Share of the delay that is random: the delay is drawn from [d·(1−jitter), d]. */
        @WithDefault("0.5")
        double jitter();

        /** How often the retrier looks for due failures. */
        @WithDefault("1s")
        String pollInterval();

        /** Failures retried per transaction. */
        @WithDefault("100")
        int batchSize();
    }

    interface Cache {
        /** How long a result page stays in Redis (an index change makes it unreachable sooner). */
        @WithDefault("30s")
        Duration ttl();

        /** Redis gets this long to answer a read before search goes on without the cache. */
        @WithDefault("200ms")
        Duration timeout();

        /** Redis gets this long to take an invalidation (after a committed index change). */
        @WithDefault("2s")
        Duration invalidationTimeout();
    }

    interface Ranking {
        /** At most this share is added to the text relevance of a brand-new item (0.2 = up to +20 %). */
        @WithDefault("0.2")
        double freshnessBoost();

        /** The freshness boost halves every this long. */
        @WithDefault("14d")
        Duration freshnessHalfLife();

        /** Added to the score when the whole query equals the title, so the exact title is first. */
        @WithDefault("1.0")
        double exactTitleBonus();

        /**
         * A query ranks at most this many matches among the {@link #recentDocuments()} most recent documents, plus
         * the title and other candidates below and the document whose title is the query: a query on a word that
         * most documents contain costs what any query costs. Beyond them, ranking is over a subset.
         */
        @WithDefault("100")
        int recentCandidates();

        /** How many of the most recent documents are looked at for recent matches. */
        @WithDefault("1000")
        int recentDocuments();

        /** At most this many matches in the title are ranked (they outrank matches elsewhere). */
        @WithDefault("400")
        int titleCandidates();

        /** At most this many further matches are ranked (those found first). */
        @WithDefault("100")
        int otherCandidates();

        /** A query word missing from the index is replaced by the most similar known word at least this similar. */
        @WithDefault("0.45")
        double typoSimilarity();
    }

    /** The words the index has seen, for typo correction of query words. */
    interface Lexicon {
        /**
         * Words known to be in the lexicon are remembered in memory (up to this many), so indexing sends only new
         * words and a query of known words needs no correction lookup.
         */
        @WithDefault("100000")
        int cachedWords();
    }

    /**
     * Upkeep the database would otherwise leave to autovacuum (which may be off, or late after a bulk load):
     * statistics for the planner and the pending entries of the GIN indexes, which every search scans until merged.
     */
    interface Maintenance {
        /** How often the index is checked for upkeep. */
        @WithDefault("5s")
        String interval();

        /** Statistics are refreshed once this many rows changed since the last refresh ... */
        @WithDefault("50")
        long analyzeThreshold();

        /** ... plus this share of the table (autovacuum's defaults). */
        @WithDefault("0.1")
        double analyzeScaleFactor();
    }
}
