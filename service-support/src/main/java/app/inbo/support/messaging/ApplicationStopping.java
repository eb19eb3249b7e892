package app.inbo.support.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Knows that the application has begun to stop. {@link ShutdownEvent} is delivered before the container closes the
 * persistence unit, the data source and the Kafka clients, so a batch that fails after this point failed because
 * those are going away, not because of its records: {@link EventPipeline} then gives the batch back uncommitted
 * (another instance, or this one after its restart, receives it again) instead of dead-lettering it.
 */
@ApplicationScoped
public class ApplicationStopping {

    private volatile boolean stopping;

    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    /** Marks the application as stopping; what the {@link ShutdownEvent} observer does (tests call it directly). */
    public void begin() {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }
}
