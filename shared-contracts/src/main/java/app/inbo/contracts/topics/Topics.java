package app.inbo.contracts.topics;

import java.util.List;

/**
 * Every Kafka topic of the suite. Topics are created explicitly (never auto-created) from {@link #ALL}.
 * Keys: user activity is keyed by user id (per-user order), catalog changes by item id (per-item order).
 */
public final class Topics {

    /** Catalog changes from the reading service, keyed by item id; compacted so a new consumer can rebuild. */
    public static final String CATALOG = "reading.catalog.changed";
    /** Reading progress from the reading service, keyed by user id. */
    public static final String READING_PROGRESS = "reading.progress.recorded";
    /** Interactions recorded by the experience service, keyed by user id. */
    public static final String INTERACTIONS = "experience.interaction.recorded";
    /** Follows and unfollows of categories and newsletters, recorded by the experience service, keyed by user id. */
    public static final String FOLLOWS = "experience.follow.changed";

    public static final String DEAD_LETTER_EXPERIENCE = "experience.dead-letter";
    public static final String DEAD_LETTER_RECOMMENDATION = "recommendation.dead-letter";
    public static final String DEAD_LETTER_SEARCH = "search.dead-letter";

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(CATALOG, 3, TopicSpec.Cleanup.COMPACT),
            new TopicSpec(READING_PROGRESS, 6, TopicSpec.Cleanup.DELETE),
            new TopicSpec(INTERACTIONS, 6, TopicSpec.Cleanup.DELETE),
            new TopicSpec(FOLLOWS, 3, TopicSpec.Cleanup.DELETE),
            new TopicSpec(DEAD_LETTER_EXPERIENCE, 1, TopicSpec.Cleanup.DELETE),
            new TopicSpec(DEAD_LETTER_RECOMMENDATION, 1, TopicSpec.Cleanup.DELETE),
            new TopicSpec(DEAD_LETTER_SEARCH, 1, TopicSpec.Cleanup.DELETE));

    private Topics() {
    }
}
