package app.inbo.reading.service;

import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.ReadingProgressRecorded;
import app.inbo.reading.config.ReadingConfig;
import app.inbo.reading.domain.Newsletter;
import app.inbo.reading.domain.Post;
import app.inbo.reading.domain.ReadingProgress;
import app.inbo.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import java.time.Clock;
import java.time.Instant;
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

    @Transactional
    public ReadingProgress record(UUID userId, ItemType type, UUID itemId, int progress, Boolean completed) {
        requireItem(type, itemId);
        ReadingProgress.Key key = new ReadingProgress.Key(userId, itemId);
        ReadingProgress row = ReadingProgress.findById(key, LockModeType.PESSIMISTIC_WRITE);
        boolean isNew = row == null;
        boolean wasCompleted = !isNew && row.completed;
        if (isNew) {
            row = new ReadingProgress();
            row.key = key;
            row.itemType = type;
        }
        row.progress = progress;
        row.completed = completed != null ? completed || progress >= config.completionThreshold()
                : wasCompleted || progress >= config.completionThreshold();
        row.lastReadAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        if (isNew) {
            row.persist();
        }
        outbox.append(new ReadingProgressRecorded(userId, itemId, type, row.progress, row.completed, row.lastReadAt));
        return row;
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
