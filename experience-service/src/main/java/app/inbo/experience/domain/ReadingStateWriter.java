package app.inbo.experience.domain;

import app.inbo.contracts.events.ReadingProgressRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.ZoneOffset;

/** Writes the reading projection inside the consuming transaction. */
@ApplicationScoped
public class ReadingStateWriter {

    /**
     * The event's progress replaces the row's unless the row is newer (events of one user arrive in order on their
     * partition, but a redelivered older event must not undo a newer one); a completion is never undone by an older
     * event either, as it has the older time.
     */
    private static final String UPSERT = "insert into reading_state (user_id, item_id, progress, completed, last_read_at) "
            + "values (:user, :item, :progress, :completed, :at) on conflict (user_id, item_id) do update "
            + "set progress = excluded.progress, completed = excluded.completed, last_read_at = excluded.last_read_at "
            + "where reading_state.last_read_at <= excluded.last_read_at";

    @Inject
    EntityManager em;

    /** True when the event changed the projection (false: an older event than the one applied). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(ReadingProgressRecorded progress) {
        return em.createNativeQuery(UPSERT)
                .setParameter("user", progress.userId())
                .setParameter("item", progress.itemId())
                .setParameter("progress", progress.progress())
                .setParameter("completed", progress.completed())
                .setParameter("at", progress.occurredAt().atOffset(ZoneOffset.UTC))
                .executeUpdate() == 1;
    }
}
