package app.inbo.experience.messaging;

import app.inbo.contracts.topics.Topics;
import app.inbo.experience.service.CatalogProjection;
import app.inbo.support.messaging.EventPipeline;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the local catalog copy up to date from {@value Topics#CATALOG}. */
@ApplicationScoped
public class CatalogConsumer {

    public static final String CONSUMER = "experience-service";

    @Inject
    EventPipeline pipeline;

    @Inject
    CatalogProjection projection;

    @Incoming("catalog")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        pipeline.process(CONSUMER, Topics.DEAD_LETTER_EXPERIENCE, records, projection::apply);
    }
}
