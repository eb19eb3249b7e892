package app.inbo.experience.messaging;

import app.inbo.contracts.topics.Topics;
import app.inbo.experience.service.projections.CatalogProjection;
import app.inbo.experience.service.projections.ReadingProjection;
import app.inbo.support.messaging.EventHandler;
import app.inbo.support.messaging.EventPipeline;
import io.smallrye.common.annotation.Blocking;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The experience service's local projections, kept up to date through the {@link EventPipeline} (idempotent, one
 * transaction per batch, poison events to {@value Topics#DEAD_LETTER_EXPERIENCE}): the catalog copy from
 * {@value Topics#CATALOG}, each user's reading from {@value Topics#READING_PROGRESS}.
 */
@ApplicationScoped
public class ProjectionConsumers {

    public static final String CONSUMER = "experience-service";

    @Inject
    EventPipeline pipeline;

    void announce(@Observes StartupEvent start) {
        pipeline.announce(CONSUMER);
    }

    @Inject
    CatalogProjection catalog;

    @Inject
    ReadingProjection reading;

    @Incoming("catalog")
    @Blocking
    public void catalog(ConsumerRecords<String, String> records) {
        apply(records, catalog::apply);
    }

    @Incoming("reading-progress")
    @Blocking
    public void reading(ConsumerRecords<String, String> records) {
        apply(records, reading::apply);
    }

    private void apply(ConsumerRecords<String, String> records, EventHandler handler) {
        pipeline.process(CONSUMER, Topics.DEAD_LETTER_EXPERIENCE, records, handler);
    }
}
