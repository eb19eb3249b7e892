package app.inbo.experience.service.home;

import app.inbo.contracts.api.ExperimentVariant;
import app.inbo.experience.domain.InteractionStore;
import app.inbo.experience.service.experiments.ExperimentMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records what a page showed (one render row holding the items, sections, positions and the experiment variant that
 * ranked its recommendations) so interactions can refer to it.
 */
@ApplicationScoped
public class RenderRecorder {

    @Inject
    InteractionStore store;

    @Inject
    ExperimentMetrics experiments;

    public void record(HomePage page, UUID userId, String pageName, String sessionId, Instant renderedAt,
                       ExperimentVariant variant) {
        List<InteractionStore.Shown> shown = new ArrayList<>();
        for (HomePage.Section section : page.sections()) {
            int position = 0;
            for (HomePage.ShownItem item : section.items()) {
                shown.add(new InteractionStore.Shown(item.id(), section.type(), position++));
            }
        }
        store.insertRender(page.renderId(), userId, pageName, sessionId, renderedAt, shown, variant);
        experiments.rendered(variant, (int) shown.stream().filter(s -> ExperimentMetrics.RECOMMENDED.equals(s.sectionType())).count());
    }
}
