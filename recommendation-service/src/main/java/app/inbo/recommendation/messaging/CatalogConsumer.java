package app.inbo.recommendation.messaging;

import app.inbo.contracts.events.CategoryDeleted;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.NewsletterDeleted;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostDeleted;
import app.inbo.contracts.events.PostEvent;
import app.inbo.contracts.topics.Topics;
import app.inbo.recommendation.domain.CatalogProjection;
import app.inbo.support.messaging.EventPipeline;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Catalog changes → the local catalog projection that candidates come from. */
@ApplicationScoped
public class CatalogConsumer {

    private static final Logger LOG = Logger.getLogger(CatalogConsumer.class);

    @Inject
    EventPipeline pipeline;

    @Inject
    CatalogProjection catalog;

    @Incoming("catalog")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        pipeline.process(ConsumerName.SERVICE, Topics.DEAD_LETTER_RECOMMENDATION, records, this::apply);
    }

    private void apply(EventEnvelope<EventPayload> event) {
        EventPayload payload = event.payload();
        if (payload instanceof CategoryUpserted e) {
            catalog.category(e);
        } else if (payload instanceof CategoryDeleted e) {
            catalog.categoryDeleted(e);
        } else if (payload instanceof NewsletterUpserted e) {
            catalog.newsletter(e);
        } else if (payload instanceof NewsletterDeleted e) {
            catalog.newsletterDeleted(e);
        } else if (payload instanceof PostEvent e) {
            catalog.post(e);
        } else if (payload instanceof PostDeleted e) {
            catalog.postDeleted(e);
        } else {
            LOG.debugf("catalog event %s (%s) is not used here", event.eventId(), event.eventType());
        }
    }
}
