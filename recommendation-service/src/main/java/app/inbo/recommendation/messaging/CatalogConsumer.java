package app.inbo.recommendation.messaging;

import app.inbo.contracts.topics.Topics;
import app.inbo.recommendation.domain.CatalogProjection;
import app.inbo.support.messaging.EventPipeline;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Catalog changes → the local catalog projection that candidates come from. */
@ApplicationScoped
public class CatalogConsumer {

    @Inject
    EventPipeline pipeline;

    @Inject
    CatalogProjection catalog;

    @Incoming("catalog")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        pipeline.process(ConsumerName.SERVICE, Topics.DEAD_LETTER_RECOMMENDATION, records, catalog::apply);
    }
}
