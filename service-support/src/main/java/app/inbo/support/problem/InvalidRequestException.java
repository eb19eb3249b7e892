package app.inbo.support.problem;

import java.util.List;

/** A request whose fields are wrong in a way the caller can fix: answered 400 naming each field. */
public class InvalidRequestException extends RuntimeException {

    private final List<Problem.InvalidParam> invalidParams;

    public InvalidRequestException(String field, String reason) {
        this(List.of(new Problem.InvalidParam(field, reason)));
    }

    public InvalidRequestException(List<Problem.InvalidParam> invalidParams) {
        super(invalidParams.stream().map(p -> p.name() + ": " + p.reason()).reduce((a, b) -> a + "; " + b).orElse("invalid request"));
        this.invalidParams = List.copyOf(invalidParams);
    }

    public List<Problem.InvalidParam> invalidParams() {
        return invalidParams;
    }
}
