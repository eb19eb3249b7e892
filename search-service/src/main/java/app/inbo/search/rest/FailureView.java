package app.inbo.search.rest;

import app.inbo.search.domain.IndexFailure;

import java.time.Instant;
import java.util.UUID;

/** A stored indexing failure as admins see it. */
public record FailureView(UUID itemId, String itemType, UUID eventId, String eventType, long eventVersion,
                          int attempts, String lastError, Instant firstFailedAt, Instant lastAttemptAt,
                          Instant nextAttemptAt, String status) {

    static FailureView of(IndexFailure f) {
        return new FailureView(f.itemId, f.itemType, f.eventId, f.eventType, f.eventVersion, f.attempts, f.lastError,
                f.firstFailedAt, f.lastAttemptAt, f.nextAttemptAt, f.status);
    }
}
