package app.inbo.reading.service;

import app.inbo.reading.config.ReadingConfig;
import app.inbo.reading.domain.Category;
import app.inbo.reading.domain.Newsletter;
import app.inbo.reading.domain.Post;
import app.inbo.reading.service.CatalogViews.ItemView;
import app.inbo.reading.service.CatalogViews.NewsletterView;
import app.inbo.reading.service.CatalogViews.Page;
import app.inbo.reading.service.CatalogViews.PostView;
import app.inbo.support.problem.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.NotFoundException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads of the catalog, each in a fixed number of statements whatever the page size. */
@ApplicationScoped
public class CatalogQueries {

    @Inject
    EntityManager em;

    @Inject
    ReadingConfig config;

    /** Newsletters (optionally of one category), by name then id: a stable order for paging. */
    public Page<NewsletterView> newsletters(String categorySlug, int page, int size) {
        checkPage(page, size);
        String filter = "";
        UUID categoryId = null;
        if (categorySlug != null && !categorySlug.isBlank()) {
            categoryId = Category.findBySlug(categorySlug)
                    .orElseThrow(() -> new NotFoundException("category '" + categorySlug + "' does not exist")).id;
            filter = " where exists (select 1 from n.categories c where c.id = :category)";
        }
        var ids = em.createQuery("select n.id from Newsletter n" + filter + " order by n.name, n.id", UUID.class);
        var count = em.createQuery("select count(n) from Newsletter n" + filter, Long.class);
        if (categoryId != null) {
            ids.setParameter("category", categoryId);
            count.setParameter("category", categoryId);
        }
        List<UUID> pageIds = ids.setFirstResult(page * size).setMaxResults(size).getResultList();
        List<NewsletterView> items = newslettersWithCategories(pageIds).stream()
                .sorted(Comparator.comparing((Newsletter n) -> n.name).thenComparing(n -> n.id))
                .map(NewsletterView::of).toList();
        return new Page<>(items, page, size, count.getSingleResult());
    }

    public NewsletterView newsletter(UUID id) {
        return newslettersWithCategories(List.of(id)).stream().findFirst().map(NewsletterView::of)
                .orElseThrow(() -> new NotFoundException("newsletter " + id + " does not exist"));
    }

    /** A newsletter's posts, newest first. */
    public Page<PostView> posts(UUID newsletterId, int page, int size) {
        checkPage(page, size);
        if (Newsletter.findById(newsletterId) == null) {
            throw new NotFoundException("newsletter " + newsletterId + " does not exist");
        }
        List<Post> posts = em.createQuery("from Post p join fetch p.newsletter where p.newsletter.id = :n "
                        + "order by p.publishedAt desc, p.id", Post.class)
                .setParameter("n", newsletterId).setFirstResult(page * size).setMaxResults(size).getResultList();
        long total = em.createQuery("select count(p) from Post p where p.newsletter.id = :n", Long.class)
                .setParameter("n", newsletterId).getSingleResult();
        return new Page<>(posts.stream().map(PostView::of).toList(), page, size, total);
    }

    /** Many items of either type by id, in the order asked; unknown ids are left out. */
    public List<ItemView> items(Collection<UUID> ids) {
        if (ids.size() > config.maxLookupIds()) {
            throw new InvalidRequestException("ids", "at most " + config.maxLookupIds() + " ids per call");
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, ItemView> found = new HashMap<>();
        newslettersWithCategories(ids).forEach(n -> found.put(n.id, ItemView.of(n)));
        em.createQuery("select distinct p from Post p join fetch p.newsletter n left join fetch n.categories "
                        + "where p.id in :ids", Post.class)
                .setParameter("ids", ids).getResultList()
                .forEach(p -> found.put(p.id, ItemView.of(p)));
        List<ItemView> ordered = new ArrayList<>();
        for (UUID id : ids) {
            if (found.containsKey(id)) {
                ordered.add(found.get(id));
            }
        }
        return ordered;
    }

    private List<Newsletter> newslettersWithCategories(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select distinct n from Newsletter n left join fetch n.categories where n.id in :ids",
                Newsletter.class).setParameter("ids", ids).getResultList();
    }

    private void checkPage(int page, int size) {
        if (page < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        if (size < 1 || size > config.maxPageSize()) {
            throw new InvalidRequestException("size", "must be between 1 and " + config.maxPageSize());
        }
    }
}
