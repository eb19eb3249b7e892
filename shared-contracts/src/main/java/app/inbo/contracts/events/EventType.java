package app.inbo.contracts.events;

import app.inbo.contracts.topics.Topics;

import java.util.Arrays;
import java.util.Optional;

/** Every event of the suite: its wire name, schema version, payload record and topic. */
public enum EventType {
    CATEGORY_UPSERTED("category.upserted", 1, CategoryUpserted.class, Topics.CATALOG),
    CATEGORY_DELETED("category.deleted", 1, CategoryDeleted.class, Topics.CATALOG),
    NEWSLETTER_UPSERTED("newsletter.upserted", 1, NewsletterUpserted.class, Topics.CATALOG),
    NEWSLETTER_DELETED("newsletter.deleted", 1, NewsletterDeleted.class, Topics.CATALOG),
    POST_PUBLISHED("post.published", 1, PostPublished.class, Topics.CATALOG),
    POST_UPDATED("post.updated", 1, PostUpdated.class, Topics.CATALOG),
    POST_DELETED("post.deleted", 1, PostDeleted.class, Topics.CATALOG),
    READING_PROGRESS_RECORDED("reading.progress.recorded", 1, ReadingProgressRecorded.class, Topics.READING_PROGRESS),
    INTERACTION_RECORDED("experience.interaction.recorded", 1, InteractionRecorded.class, Topics.INTERACTIONS),
    FOLLOW_CHANGED("experience.follow.changed", 1, FollowChanged.class, Topics.FOLLOWS);

    private final String wireName;
    private final int schemaVersion;
    private final Class<? extends EventPayload> payloadType;
    private final String topic;

    EventType(String wireName, int schemaVersion, Class<? extends EventPayload> payloadType, String topic) {
        this.wireName = wireName;
        this.schemaVersion = schemaVersion;
        this.payloadType = payloadType;
        this.topic = topic;
    }

    public String wireName() {
        return wireName;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    public String topic() {
        return topic;
    }

    public static EventType of(Class<?> payloadType) {
        return Arrays.stream(values())
                .filter(t -> t.payloadType.equals(payloadType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type for " + payloadType.getName()));
    }

    public static Optional<EventType> fromWire(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
