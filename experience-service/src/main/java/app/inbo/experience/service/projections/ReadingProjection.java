package app.inbo.experience.service.projections;

import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.ReadingProgressRecorded;
import app.inbo.experience.domain.ReadingStateWriter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Applies reading events to the local reading state, inside the pipeline's transaction: the home page's
 * continue_reading and the items a user completed, without a call to the reading service per page.
 */
@ApplicationScoped
public class ReadingProjection {

    private static final Logger LOG = Logger.getLogger(ReadingProjection.class);

    @Inject
    ReadingStateWriter writer;

    @Inject
    MeterRegistry registry;

    public void apply(List<EventEnvelope<EventPayload>> events) {
        for (EventEnvelope<EventPayload> event : events) {
            if (!(event.payload() instanceof ReadingProgressRecorded progress)) {
                LOG.debugf("ignoring %s on the reading topic", event.eventType());
                continue;
            }
            boolean applied = writer.apply(progress);
            registry.counter("experience_reading_events_total", "outcome", applied ? "applied" : "stale").increment();
        }
    }
}
