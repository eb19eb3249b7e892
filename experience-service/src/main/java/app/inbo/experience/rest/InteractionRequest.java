package app.inbo.experience.rest;

import app.inbo.experience.service.interactions.ReportedInteraction;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/**
 * One interaction as a client reports it. {@code render_id} is the page the item was shown on (absent: the
 * interaction is recorded with {@code app_section = unknown}); {@code position} is 0-based within the section;
 * {@code occurred_at} (an ISO-8601 instant) is when the user did it by the client's clock, for interactions queued
 * offline (absent: the time the service receives it). Its bounds are checked by the service, against the time of
 * receipt.
 */
public record InteractionRequest(
        UUID renderId,
        @NotNull UUID itemId,
        @Size(max = 50) @Pattern(regexp = "[a-z][a-z0-9_]*", message = "must be a lower-case section name")
        String sectionType,
        @Min(0) @Max(10_000) Integer position,
        @NotNull @Pattern(regexp = InteractionRequest.TYPES, message = "must be one of view, click, open, dismiss, complete, share, save")
        String interactionType,
        @Min(0) @Max(86_400_000) Long dwellTimeMs,
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "must be letters, digits, '.', '_', ':' or '-'")
        String sessionId,
        // left out when absent, so a request without it has the fingerprint it had before the field existed
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant occurredAt) {

    public static final String TYPES = "view|click|open|dismiss|complete|share|save";

    /** The interaction as the service records it (the body is checked by now). */
    public ReportedInteraction toReported() {
        return new ReportedInteraction(renderId, itemId, sectionType, position, interactionType, dwellTimeMs, sessionId,
                occurredAt);
    }
}
