package app.inbo.search.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A document whose indexing failed and that is retried (see {@code V1__search_index.sql}). Rows are written by
 * {@link SearchIndexStore#recordFailure} in the transaction that marks the event processed; this entity is how the
 * retrier and the admin endpoints read and update them.
 */
@Entity
@Table(name = "index_failure")
public class IndexFailure extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String DEAD = "dead";

    @Id
    @Column(name = "item_id")
    public UUID itemId;

    @Column(name = "item_type", nullable = false)
    public String itemType;

    @Column(name = "newsletter_id")
    public UUID newsletterId;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "event_version", nullable = false)
    public long eventVersion;

    /** The event envelope as JSON, applied again on each retry. */
    @Column(nullable = false, columnDefinition = "text")
    public String event;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error", nullable = false, columnDefinition = "text")
    public String lastError;

    @Column(name = "first_failed_at", nullable = false)
    public Instant firstFailedAt;

    @Column(name = "last_attempt_at", nullable = false)
    public Instant lastAttemptAt;

    /** Null once dead. */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(nullable = false)
    public String status;
}
