package app.inbo.recommendation.domain;

import app.inbo.contracts.events.FollowChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;

/** The users' follows ({@code user_follow}), as the experience service announces them; read by {@link FeatureReads}. */
@ApplicationScoped
public class FollowStore {

    @Inject
    EntityManager em;

    /** Keeps the change when it is newer than the stored state of its user and target; returns whether it was. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(FollowChanged change) {
        return em.createNativeQuery("""
                        insert into user_follow as f (user_id, target_kind, target_id, following, version, changed_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (user_id, target_kind, target_id) do update
                            set following = excluded.following, version = excluded.version, changed_at = excluded.changed_at
                            where f.version < excluded.version""")
                .setParameter(1, change.userId()).setParameter(2, change.targetKind()).setParameter(3, change.targetId())
                .setParameter(4, change.following()).setParameter(5, change.version())
                .setParameter(6, Timestamp.from(change.changedAt())).executeUpdate() == 1;
    }
}
