package app.inbo.recommendation.messaging;

/**
 * The name both of this service's consumers record processed events and report metrics under: one per service,
 * as in the other services.
 */
final class ConsumerName {

    static final String SERVICE = "recommendation-service";

    private ConsumerName() {
    }
}
