package app.inbo.support.problem;

import app.inbo.support.messaging.TransientFailures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one exception mapper of the suite: every error leaves as {@code application/problem+json} (RFC 9457).
 * Validation errors name the fields; unexpected exceptions are logged with their stack trace and the
 * correlation id, which the response carries too.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String TYPE_BASE = "https://inbo.app/problems/";
    private static final String RETRY_AFTER_SECONDS = "1";

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e, ContainerRequestContext request) {
        return validation(request, e.getMessage(), e.invalidParams());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, ContainerRequestContext request) {
        List<Problem.InvalidParam> params = e.getConstraintViolations().stream()
                .map(v -> new Problem.InvalidParam(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.InvalidParam::name))
                .toList();
        String detail = params.stream().map(p -> p.name() + " " + p.reason()).collect(Collectors.joining("; "));
        return validation(request, detail, params);
    }

    /** Named explicitly: Quarkus ships a mapper for this subtype that would otherwise answer plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedBody(MismatchedInputException e, ContainerRequestContext request) {
        return unreadableBody(e, request);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, ContainerRequestContext request) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return validation(request, field + " has an invalid value",
                    List.of(new Problem.InvalidParam(field, "invalid value: " + mapping.getOriginalMessage())));
        }
        if (e instanceof StreamReadException read && read.getProcessor() != null) {
            String field = fieldAt(read.getProcessor().getParsingContext());
            if (field != null) {
                return respond(request, Response.Status.BAD_REQUEST, "malformed-body", "Malformed request body",
                        "the body is not acceptable JSON at " + field + ": " + e.getOriginalMessage(),
                        List.of(new Problem.InvalidParam(field, e.getOriginalMessage())));
            }
        }
        return respond(request, Response.Status.BAD_REQUEST, "malformed-body", "Malformed request body",
                "the body is not valid JSON: " + e.getOriginalMessage(), null);
    }

    /** {@code interactions[2].item_id}: where the parser stood, or null at the top level. */
    private static String fieldAt(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            String step = c.inArray() ? "[" + Math.max(0, c.getCurrentIndex()) + "]"
                    : c.getCurrentName() != null ? "." + c.getCurrentName() : "";
            path.insert(0, step);
        }
        String field = path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
        return field.isEmpty() ? null : field;
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, ContainerRequestContext request) {
        Response problem = respond(request, Response.Status.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "a valid bearer token is required", null);
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        return respond(request, Response.Status.FORBIDDEN, "forbidden", "Forbidden",
                e.getMessage() != null ? e.getMessage() : "this operation needs a role the caller does not have", null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ContainerRequestContext request) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            // the framework's body reader wraps what the parser refused in a bare 400
            return unreadableBody(unreadable, request);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOG.errorf(e, "request %s %s failed [correlation_id=%s]", request.getMethod(),
                    request.getUriInfo().getPath(), CorrelationId.of(request));
        }
        String slug = status.getReasonPhrase().toLowerCase().replace(' ', '-');
        return respond(request, status, slug, status.getReasonPhrase(), e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        if (TransientFailures.isTransient(e)) {
            // the database is briefly away (a dropped connection, a full pool, a deadlock): nothing was written,
            // and the same request will succeed shortly
            LOG.warnf("%s %s failed for a passing reason (%s) [correlation_id=%s]", request.getMethod(),
                    request.getUriInfo().getPath(), TransientFailures.describe(e), CorrelationId.of(request));
            Response problem = respond(request, Response.Status.SERVICE_UNAVAILABLE, "temporarily-unavailable",
                    "Service Unavailable", "a dependency of this service is briefly unavailable; nothing was changed, "
                            + "retry after the given delay", null);
            return Response.fromResponse(problem).header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        if (TransientFailures.isUniqueViolation(e)) {
            return respond(request, Response.Status.CONFLICT, "conflict", "Conflict",
                    "a concurrent request wrote the same thing first; nothing was changed by this one", null);
        }
        LOG.errorf(e, "unexpected failure of %s %s [correlation_id=%s]", request.getMethod(),
                request.getUriInfo().getPath(), CorrelationId.of(request));
        return respond(request, Response.Status.INTERNAL_SERVER_ERROR, "internal", "Internal Server Error",
                "the request failed; quote correlation id " + CorrelationId.of(request) + " when reporting it", null);
    }

    private Response validation(ContainerRequestContext request, String detail, List<Problem.InvalidParam> params) {
        return respond(request, Response.Status.BAD_REQUEST, "validation", "Invalid request", detail, params);
    }

    private static Response respond(ContainerRequestContext request, Response.StatusType status, String type,
                                    String title, String detail, List<Problem.InvalidParam> params) {
        Problem problem = new Problem(URI.create(TYPE_BASE + type), title, status.getStatusCode(), detail,
                request.getUriInfo().getPath(), CorrelationId.of(request), params);
        return Response.status(status.getStatusCode())
                .type(Problem.MEDIA_TYPE)
                .header(CorrelationId.HEADER, CorrelationId.of(request))
                .entity(problem)
                .build();
    }

    /** {@code create.arg0.progress} → {@code progress}: the field the caller sent, not the Java path. */
    private static String fieldName(ConstraintViolation<?> violation) {
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null && !node.getName().startsWith("arg")) {
                last = node.getName();
            }
        }
        return last == null ? "body" : snakeCase(last);
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
