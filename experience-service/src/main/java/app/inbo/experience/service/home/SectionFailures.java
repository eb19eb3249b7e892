package app.inbo.experience.service.home;

import app.inbo.experience.client.FailureReason;
import app.inbo.experience.client.Fetched;
import app.inbo.support.problem.CorrelationId;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Reports a section that could not be served as usual: a log line naming the cause (with the stack trace when the
 * cause is unexpected) and {@code experience_section_failures_total{section,reason}}.
 */
@Startup
@ApplicationScoped
public class SectionFailures {

    private static final Logger LOG = Logger.getLogger(SectionFailures.class);

    @Inject
    MeterRegistry registry;

    /** Every section's failure counters exist at 0 from the start (alerts divide them by the page count). */
    @PostConstruct
    void counters() {
        for (SectionType section : SectionType.values()) {
            for (FailureReason reason : FailureReason.values()) {
                registry.counter("experience_section_failures_total", "section", section.wireName(), "reason",
                        reason.wireName());
            }
        }
    }

    public HomePage.Degraded report(SectionType section, String source, Fetched<?> failed) {
        FailureReason reason = failed.reason();
        registry.counter("experience_section_failures_total", "section", section.wireName(), "reason", reason.wireName())
                .increment();
        Object correlationId = MDC.get(CorrelationId.MDC_KEY);
        if (reason == FailureReason.ERROR) {
            LOG.errorf(failed.cause(), "section %s degraded: %s failed unexpectedly [correlation_id=%s]",
                    section.wireName(), source, correlationId);
        } else {
            LOG.warnf("section %s degraded: %s %s (%s) [correlation_id=%s]", section.wireName(), source,
                    reason.wireName(), describe(failed.cause()), correlationId);
        }
        return new HomePage.Degraded(section.wireName(), reason.wireName());
    }

    private static String describe(Throwable cause) {
        return cause == null ? "no cause" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
