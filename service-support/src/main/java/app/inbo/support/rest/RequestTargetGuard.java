package app.inbo.support.rest;

import app.inbo.support.problem.CorrelationId;
import app.inbo.support.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Refuses, before any route sees it, a request target that no endpoint should read: a NUL or another control
 * character but tab, CR and LF, escaped (PostgreSQL cannot store NUL in text: such a query parameter was a 500), a
 * malformed
 * percent-escape or a character that is not allowed in a URI. The answer is a 400 {@code application/problem+json}
 * naming the part of the target that is wrong.
 * <p>
 * A target that is not a URI at all ({@code %ZZ}, a raw {@code {id}}) never gets here: Quarkus answers it with a
 * bare 400 before any filter runs. The gateway refuses those first, as problem+json (deploy/gateway/nginx.conf).
 */
@ApplicationScoped
public class RequestTargetGuard {

    /** Before the routes (the framework's own filters run at higher priorities). */
    private static final int PRIORITY = 500;

    @Inject
    ObjectMapper json;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext context) {
        String problem = problemOf(context.request().uri());
        if (problem == null) {
            context.next();
            return;
        }
        refuse(context, problem);
    }

    /**
     * What is wrong with a request target, starting with the part it is in ("path …", or the query parameter's
     * name, or "query …" when the name itself is wrong), or null.
     */
    static String problemOf(String target) {
        int query = target.indexOf('?');
        String problem = problemIn(query < 0 ? target : target.substring(0, query));
        if (problem != null) {
            return "path " + problem;
        }
        if (query < 0) {
            return null;
        }
        for (String pair : target.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            problem = problemIn(name);
            if (problem != null) {
                return "query " + problem;
            }
            problem = equals < 0 ? null : problemIn(pair.substring(equals + 1));
            if (problem != null) {
                String decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
                return (decoded.isBlank() || decoded.indexOf(' ') >= 0 ? "query" : decoded) + " " + problem;
            }
        }
        return null;
    }

    private void refuse(RoutingContext context, String problem) {
        String target = context.request().uri();
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        String part = problem.substring(0, problem.indexOf(' ')); // "path", "query" or the query parameter
        String correlationId = CorrelationId.accept(context.request().getHeader(CorrelationId.HEADER));
        Problem body = new Problem(URI.create("https://inbo.app/problems/validation"), "Invalid request", 400,
                (part.equals("path") || part.equals("query") ? "the request " : "query parameter ") + problem,
                path.length() > 200 ? path.substring(0, 200) : path,
                correlationId, List.of(new Problem.InvalidParam(part, problem.substring(part.length() + 1))));
        try {
            context.response().setStatusCode(400)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(CorrelationId.HEADER, correlationId)
                    .end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem detail cannot be written", e);
        }
    }

    /** What is wrong with this part of a request target, or null. */
    static String problemIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
                    return "has a malformed percent-escape at character " + (i + 1);
                }
                int escaped = hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2));
                if ((escaped < 0x20 && escaped != '\t' && escaped != '\n' && escaped != '\r') || escaped == 0x7f) {
                    return "has an escaped control character (%" + text.substring(i + 1, i + 3) + ")";
                }
                i += 2;
            } else if (c < 0x21 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
                return "has a character that is not allowed in a URI at character " + (i + 1);
            }
        }
        return null;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
