package app.inbo.experience.service.follows;

import app.inbo.contracts.events.FollowChanged;
import app.inbo.experience.domain.FollowStore;
import app.inbo.experience.domain.FollowTarget;
import app.inbo.support.outbox.Outbox;
import app.inbo.support.problem.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A user's explicit preferences. Following and unfollowing are idempotent: the change and its
 * {@code experience.follow.changed} event (outbox, keyed by user) are written in one transaction, and only when the
 * state changes, so a repeated or concurrent request sends nothing more. Following needs a target the catalog copy
 * knows (else 400 naming {@code id}); unfollowing does not (a deleted newsletter can still be unfollowed).
 */
@ApplicationScoped
public class Follows {

    @Inject
    FollowStore store;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** The follows of a user, each kind most recent first. */
    public record FollowList(List<Followed> categories, List<Followed> newsletters) {
    }

    /** {@code name} is null while the catalog copy does not know the target. */
    public record Followed(UUID id, String name, Instant since) {
    }

    /** Returns whether this call changed anything. */
    @Transactional
    public boolean follow(UUID userId, FollowTarget kind, UUID targetId) {
        if (!store.known(kind, targetId)) {
            throw new InvalidRequestException("id", "is not a known " + kind.wireName());
        }
        return change(userId, kind, targetId, true);
    }

    /** Returns whether this call changed anything. */
    @Transactional
    public boolean unfollow(UUID userId, FollowTarget kind, UUID targetId) {
        return change(userId, kind, targetId, false);
    }

    @Transactional
    public FollowList of(UUID userId) {
        List<FollowStore.Followed> all = store.following(userId);
        return new FollowList(only(all, FollowTarget.CATEGORY), only(all, FollowTarget.NEWSLETTER));
    }

    private boolean change(UUID userId, FollowTarget kind, UUID targetId, boolean following) {
        Instant now = Instant.now(clock);
        OptionalLong version = store.set(userId, kind, targetId, following, now);
        version.ifPresent(v -> outbox.append(new FollowChanged(userId, kind.wireName(), targetId, following, v, now)));
        return version.isPresent();
    }

    private static List<Followed> only(List<FollowStore.Followed> all, FollowTarget kind) {
        return all.stream().filter(f -> f.kind() == kind).map(f -> new Followed(f.targetId(), f.name(), f.since())).toList();
    }
}
