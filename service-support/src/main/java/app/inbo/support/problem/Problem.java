package app.inbo.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code invalidParams} names each field that was wrong (validation errors only);
 * {@code correlationId} is the id under which the server logged the request.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        String correlationId,
        List<InvalidParam> invalidParams) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InvalidParam(String name, String reason) {
    }
}
