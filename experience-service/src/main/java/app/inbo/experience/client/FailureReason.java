package app.inbo.experience.client;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.net.ConnectException;
import java.util.Locale;

/** Why a neighbour's answer is missing, as reported under {@code degraded} and in the failure metric. */
public enum FailureReason {
    /** No answer within the timeout. */
    TIMEOUT,
    /** Refused, reset, or answered 5xx. */
    UNAVAILABLE,
    /** Failed so often lately that the circuit breaker does not call it now. */
    CIRCUIT_OPEN,
    /** Anything else (a 4xx, an unreadable answer): a bug on one side, logged with its stack trace. */
    ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FailureReason of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof io.smallrye.mutiny.TimeoutException) {
                return TIMEOUT;
            }
            if (cause instanceof CircuitBreakerOpenException) {
                return CIRCUIT_OPEN;
            }
            if (cause instanceof WebApplicationException web) {
                return web.getResponse().getStatus() >= 500 ? UNAVAILABLE : ERROR;
            }
            if (cause instanceof ConnectException || cause instanceof ProcessingException
                    || cause instanceof io.vertx.core.http.HttpClosedException
                    || cause instanceof java.io.IOException) {
                return UNAVAILABLE;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return ERROR;
    }
}
