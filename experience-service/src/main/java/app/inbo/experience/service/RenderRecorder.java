package app.inbo.experience.service;

import app.inbo.experience.domain.Render;
import app.inbo.experience.domain.RenderItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** Records what a page showed (one render row, one row per item, batched) so interactions can refer to it. */
@ApplicationScoped
public class RenderRecorder {

    @Inject
    EntityManager em;

    @Transactional
    public void record(HomePage page, UUID userId, String pageName, String sessionId, Instant renderedAt) {
        Render render = new Render();
        render.id = page.renderId();
        render.userId = userId;
        render.page = pageName;
        render.sessionId = sessionId;
        render.renderedAt = renderedAt;
        em.persist(render);
        for (HomePage.Section section : page.sections()) {
            int position = 0;
            for (HomePage.ShownItem item : section.items()) {
                RenderItem shown = new RenderItem();
                shown.renderId = render.id;
                shown.itemId = item.id();
                shown.sectionType = section.type();
                shown.position = position++;
                em.persist(shown);
            }
        }
    }
}
