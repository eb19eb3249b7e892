package app.inbo.reading.service;

import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.ReadingProgressRecorded;
import app.inbo.reading.config.ReadingConfig;
import app.inbo.reading.domain.Newsletter;
import app.inbo.reading.domain.Post;
import app.inbo.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Records how far a user read an item. Completion: progress at or above the threshold (default 95 %), or an
 * explicit {@code completed: true}. Completion is sticky: later progress on a completed item (re-scrolling,
 * re-opening) keeps it completed, so it never returns to "continue reading"; only an explicit
 * {@code completed: false} reopens it (the user chose to read it again).
 */
@ApplicationScoped
public class ProgressService {

    @Inject
    Outbox outbox;

    @Inject
    ReadingConfig config;

    @Inject
    Clock clock;

    /**
     * One statement whatever the row's state, so concurrent first writes of a user and item (a double tap, a retry
     * racing its original) cannot both insert: the second updates the row the first inserted. {@code :explicit}:
     * the request said whether the item is completed; otherwise completion is sticky.
     */
    private static final String UPSERT = """
            insert into reading_progress as r (user_id, item_id, item_type, progress, completed, last_read_at)
            values (:user, :item, :type, :progress, :completed, :at)
            on conflict (user_id, item_id) do update set progress = excluded.progress,
                completed = case when :explicit then excluded.completed else r.completed or excluded.completed end,
                last_read_at = excluded.last_read_at
            returning item_type, completed""";

    @Inject
    EntityManager em;

    @Transactional
    public ReadingProgressRecorded record(UUID userId, ItemType type, UUID itemId, int progress, Boolean completed) {
        requireItem(type, itemId);
        boolean reached = progress >= config.completionThreshold();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Object[] stored = (Object[]) em.createNativeQuery(UPSERT)
                .setParameter("user", userId)
                .setParameter("item", itemId)
                .setParameter("type", type.wireName())
                .setParameter("progress", progress)
                .setParameter("completed", completed != null ? completed || reached : reached)
                .setParameter("at", now.atOffset(ZoneOffset.UTC))
                .setParameter("explicit", completed != null)
                .getSingleResult();
        ReadingProgressRecorded recorded = new ReadingProgressRecorded(userId, itemId, ItemType.fromWire((String) stored[0]),
                progress, (Boolean) stored[1], now);
        outbox.append(recorded);
        return recorded;
    }

    private static void requireItem(ItemType type, UUID itemId) {
        boolean exists = switch (type) {
            case NEWSLETTER -> Newsletter.count("id", itemId) > 0;
            case POST -> Post.count("id", itemId) > 0;
        };
        if (!exists) {
            throw new NotFoundException(type.wireName() + " " + itemId + " does not exist");
        }
    }
}
