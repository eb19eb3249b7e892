package app.inbo.experience.support;

import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.ReadingProgressRecorded;
import app.inbo.testing.EventFeed;
import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Publishes reading progress as the reading service would, and waits until the projection has applied it. */
public final class ReadingFixture implements AutoCloseable {

    private final EventFeed feed = EventFeed.open();
    private final AgroalDataSource db;

    public ReadingFixture(AgroalDataSource db) {
        this.db = db;
    }

    /** The user read {@code item} up to {@code progress} % at {@code at} (100: completed). */
    public ReadingFixture read(UUID user, UUID item, int progress, Instant at) {
        feed.publish(new ReadingProgressRecorded(user, item, ItemType.NEWSLETTER, progress, progress >= 100, at),
                "reading-service");
        return this;
    }

    /** Waits until the projection holds {@code progress} for the user's item. */
    public void awaitProjected(UUID user, UUID item, int progress) {
        await().atMost(Duration.ofSeconds(30)).until(() -> progress(user, item) == progress);
    }

    private int progress(UUID user, UUID item) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement query = c.prepareStatement(
                     "select progress from reading_state where user_id = ? and item_id = ?")) {
            query.setObject(1, user);
            query.setObject(2, item);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getInt(1) : -1;
            }
        }
    }

    @Override
    public void close() {
        feed.close();
    }
}
