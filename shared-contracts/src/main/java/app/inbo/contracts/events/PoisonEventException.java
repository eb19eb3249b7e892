package app.inbo.contracts.events;

/** A record that can never be processed, however often it is retried: it belongs on a dead-letter topic. */
public class PoisonEventException extends RuntimeException {

    public enum Reason { MALFORMED, UNKNOWN_TYPE, UNSUPPORTED_VERSION }

    private final Reason reason;

    public PoisonEventException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
