package app.inbo.reading.service;

import app.inbo.contracts.events.CategoryDeleted;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.EventPayload;
import app.inbo.reading.domain.Category;
import app.inbo.reading.domain.Newsletter;
import app.inbo.reading.service.Drafts.CategoryDraft;
import app.inbo.support.outbox.Outbox;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import org.hibernate.exception.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Categories of the catalog; every change and its event are committed together. */
@ApplicationScoped
public class CategoryService {

    @Inject
    Outbox outbox;

    @Inject
    CatalogService catalog;

    @Inject
    EntityManager em;

    public List<Category> list() {
        return Category.listAll(Sort.by("name").and("id"));
    }

    @Transactional
    public Category create(CategoryDraft request) {
        requireFreeSlug(request.slug(), null);
        Category category = new Category();
        category.id = UUID.randomUUID();
        category.slug = request.slug();
        category.name = request.name();
        category.version = 1;
        category.persist();
        flushSlug(category.slug);
        outbox.append(new CategoryUpserted(category.id, category.slug, category.name, category.version));
        return category;
    }

    /**
     * A renamed category is announced, and so are its newsletters (with their posts): their events carry the
     * category's slug and name, and a consumer must not keep an item's old copy whichever event it applies last.
     */
    @Transactional
    public Category update(UUID id, CategoryDraft request) {
        Category category = locked(id);
        requireFreeSlug(request.slug(), id);
        boolean renamed = !category.slug.equals(request.slug()) || !category.name.equals(request.name());
        category.slug = request.slug();
        category.name = request.name();
        category.version++;
        flushSlug(category.slug);
        List<EventPayload> events = new ArrayList<>();
        events.add(new CategoryUpserted(category.id, category.slug, category.name, category.version));
        if (renamed) {
            for (Newsletter filedIn : filedIn(category)) {
                events.addAll(catalog.reannounce(catalog.lockedNewsletter(filedIn.id)));
            }
        }
        outbox.appendAll(events);
        return category;
    }

    private List<Newsletter> filedIn(Category category) {
        return em.createQuery("select distinct n from Newsletter n join n.categories c where c = :c order by n.id",
                Newsletter.class).setParameter("c", category).getResultList();
    }

    /** Deleting a category takes it off its newsletters, which (with their posts) are announced again. */
    @Transactional
    public void delete(UUID id) {
        Category category = locked(id);
        List<EventPayload> events = new ArrayList<>();
        for (Newsletter filedIn : filedIn(category)) {
            Newsletter n = catalog.lockedNewsletter(filedIn.id);
            n.categories.remove(category);
            events.addAll(catalog.reannounce(n));
        }
        em.flush();
        category.delete();
        events.add(new CategoryDeleted(category.id, category.version + 1));
        outbox.appendAll(events);
    }

    /** A category about to change, locked until the transaction ends (concurrent changes take turns). */
    private Category locked(UUID id) {
        return Category.<Category>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NotFoundException("category " + id + " does not exist"));
    }

    /** Writes the change now: a concurrent request that took the slug first is a 409 here, not a failed commit. */
    private void flushSlug(String slug) {
        try {
            em.flush();
        } catch (ConstraintViolationException e) {
            throw new ClientErrorException("slug '" + slug + "' was just taken by another category", Response.Status.CONFLICT);
        }
    }

    private void requireFreeSlug(String slug, UUID owner) {
        Category.findBySlug(slug).filter(existing -> !existing.id.equals(owner)).ifPresent(existing -> {
            throw new ClientErrorException("slug '" + slug + "' is taken by category " + existing.id,
                    Response.Status.CONFLICT);
        });
    }
}
