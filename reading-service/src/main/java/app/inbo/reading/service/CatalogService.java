package app.inbo.reading.service;

import app.inbo.contracts.events.EventPayload;
import app.inbo.reading.domain.Category;
import app.inbo.reading.domain.Newsletter;
import app.inbo.reading.domain.Post;
import app.inbo.reading.mapping.CatalogEvents;
import app.inbo.reading.service.Drafts.NewsletterDraft;
import app.inbo.reading.service.Drafts.PostDraft;
import app.inbo.support.idempotency.IdempotencyKeys;
import app.inbo.support.outbox.Outbox;
import app.inbo.support.problem.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Changes to newsletters and posts. Each change bumps the item's version and appends its events to the outbox in
 * the same transaction; a change that alters what a post's event carries (its newsletter's name or categories)
 * re-announces the newsletter's posts too, so consumers never keep stale copies.
 */
@ApplicationScoped
public class CatalogService {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    IdempotencyKeys idempotencyKeys;

    /** Catalog creates share one key space: the catalog is the admins' together. */
    private static final String IDEMPOTENCY_SCOPE = "catalog";

    /**
     * Creates a newsletter; with an Idempotency-Key, a retry of the same request creates nothing and returns the
     * newsletter the first attempt created.
     */
    @Transactional
    public Newsletter createNewsletter(NewsletterDraft request, Optional<String> idempotencyKey, String fingerprint) {
        Optional<String> first = claim(idempotencyKey, fingerprint);
        if (first.isPresent()) {
            return newsletter(UUID.fromString(first.get()));
        }
        Newsletter n = createNewsletter(request);
        answer(idempotencyKey, n.id);
        return n;
    }

    /** Publishes a post; with an Idempotency-Key, a retry returns the post the first attempt published. */
    @Transactional
    public Post publishPost(UUID newsletterId, PostDraft request, Optional<String> idempotencyKey,
                            String fingerprint) {
        Optional<String> first = claim(idempotencyKey, fingerprint);
        if (first.isPresent()) {
            return post(UUID.fromString(first.get()));
        }
        Post p = publishPost(newsletterId, request);
        answer(idempotencyKey, p.id);
        return p;
    }

    private Optional<String> claim(Optional<String> idempotencyKey, String fingerprint) {
        return idempotencyKey.flatMap(key -> idempotencyKeys.claim(IDEMPOTENCY_SCOPE, key, fingerprint));
    }

    private void answer(Optional<String> idempotencyKey, UUID created) {
        idempotencyKey.ifPresent(key -> idempotencyKeys.answer(IDEMPOTENCY_SCOPE, key, created.toString()));
    }

    @Transactional
    public Newsletter createNewsletter(NewsletterDraft request) {
        Newsletter n = new Newsletter();
        n.id = UUID.randomUUID();
        apply(n, request);
        n.createdAt = now();
        n.updatedAt = n.createdAt;
        n.version = 1;
        n.persist();
        outbox.append(CatalogEvents.upserted(n));
        return n;
    }

    @Transactional
    public Newsletter updateNewsletter(UUID id, NewsletterDraft request) {
        Newsletter n = lockedNewsletter(id);
        apply(n, request);
        outbox.appendAll(reannounce(n));
        return n;
    }

    /**
     * Bumps the newsletter and each of its posts after a change to what their events carry (name, categories),
     * and returns the events that announce them; the caller appends them in its transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<EventPayload> reannounce(Newsletter n) {
        n.updatedAt = now();
        n.version++;
        List<EventPayload> events = new ArrayList<>();
        events.add(CatalogEvents.upserted(n));
        for (Post p : postsOf(n)) {
            p.version++;
            events.add(CatalogEvents.updated(p));
        }
        return events;
    }

    @Transactional
    public void deleteNewsletter(UUID id) {
        Newsletter n = lockedNewsletter(id);
        List<EventPayload> events = new ArrayList<>();
        for (Post p : postsOf(n)) {
            events.add(CatalogEvents.deleted(p));
            p.delete();
        }
        events.add(CatalogEvents.deleted(n));
        n.delete();
        outbox.appendAll(events);
    }

    @Transactional
    public Post publishPost(UUID newsletterId, PostDraft request) {
        Newsletter n = lockedNewsletter(newsletterId);
        Post p = new Post();
        p.id = UUID.randomUUID();
        p.newsletter = n;
        apply(p, request);
        p.version = 1;
        p.persist();
        List<EventPayload> events = new ArrayList<>();
        events.add(CatalogEvents.published(p));
        if (n.latestPostAt == null || p.publishedAt.isAfter(n.latestPostAt)) {
            n.latestPostAt = p.publishedAt;
            n.updatedAt = now();
            n.version++;
            events.add(CatalogEvents.upserted(n));
        }
        outbox.appendAll(events);
        return p;
    }

    @Transactional
    public Post updatePost(UUID id, PostDraft request) {
        Post p = lockedPost(id);
        apply(p, request);
        p.version++;
        List<EventPayload> events = new ArrayList<>();
        events.add(CatalogEvents.updated(p));
        events.addAll(refreshLatestPost(p.newsletter));
        outbox.appendAll(events);
        return p;
    }

    @Transactional
    public void deletePost(UUID id) {
        Post p = lockedPost(id);
        Newsletter n = p.newsletter;
        p.delete();
        em.flush();
        List<EventPayload> events = new ArrayList<>();
        events.add(CatalogEvents.deleted(p));
        events.addAll(refreshLatestPost(n));
        outbox.appendAll(events);
    }

    public Newsletter newsletter(UUID id) {
        return Newsletter.<Newsletter>findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("newsletter " + id + " does not exist"));
    }

    public Post post(UUID id) {
        return Post.<Post>findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("post " + id + " does not exist"));
    }

    /**
     * A newsletter about to change, locked until the transaction ends. A newsletter and its posts change together
     * (versions, the latest post time, re-announcements), so every change of either locks the newsletter first:
     * concurrent changes take turns instead of both reading one version and announcing the same next one.
     */
    Newsletter lockedNewsletter(UUID id) {
        return Newsletter.<Newsletter>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NotFoundException("newsletter " + id + " does not exist"));
    }

    /** A post about to change, after its newsletter was locked (see {@link #lockedNewsletter}). */
    private Post lockedPost(UUID id) {
        Post p = post(id);
        lockedNewsletter(p.newsletter.id);
        em.refresh(p);
        return p;
    }

    /** Newest post time may move when a post is edited or deleted; announce the newsletter if it did. */
    private List<EventPayload> refreshLatestPost(Newsletter n) {
        Instant latest = em.createQuery("select max(p.publishedAt) from Post p where p.newsletter = :n", Instant.class)
                .setParameter("n", n).getSingleResult();
        if (latest == null ? n.latestPostAt == null : latest.equals(n.latestPostAt)) {
            return List.of();
        }
        n.latestPostAt = latest;
        n.updatedAt = now();
        n.version++;
        return List.of(CatalogEvents.upserted(n));
    }

    private List<Post> postsOf(Newsletter n) {
        return em.createQuery("from Post p where p.newsletter = :n order by p.publishedAt desc, p.id", Post.class)
                .setParameter("n", n).getResultList();
    }

    private void apply(Newsletter n, NewsletterDraft request) {
        n.name = request.name().strip();
        n.description = request.description().strip();
        n.url = request.url();
        n.categories = categories(request.categoryIds());
    }

    private void apply(Post p, PostDraft request) {
        p.title = request.title().strip();
        p.summary = request.summary().strip();
        p.url = request.url();
        p.publishedAt = request.publishedAt() != null ? request.publishedAt().truncatedTo(ChronoUnit.MICROS) : now();
    }

    private Set<Category> categories(List<UUID> ids) {
        Set<UUID> wanted = new LinkedHashSet<>(ids);
        List<Category> found = Category.list("id in ?1", wanted);
        if (found.size() != wanted.size()) {
            Set<UUID> missing = new HashSet<>(wanted);
            found.forEach(c -> missing.remove(c.id));
            throw new InvalidRequestException("category_ids", "unknown categories " + missing);
        }
        return new LinkedHashSet<>(found);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
