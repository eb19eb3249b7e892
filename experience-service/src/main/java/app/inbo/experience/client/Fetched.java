package app.inbo.experience.client;

import java.util.Optional;
import java.util.function.Function;

/** A neighbour's answer, or why there is none (the fallback of every client call). */
public record Fetched<T>(T value, FailureReason reason, Throwable cause) {

    public static <T> Fetched<T> of(T value) {
        return new Fetched<>(value, null, null);
    }

    public static <T> Fetched<T> failed(Throwable cause) {
        return new Fetched<>(null, FailureReason.of(cause), cause);
    }

    public boolean ok() {
        return reason == null;
    }

    /** The part of the answer {@code part} picks, or the same failure. */
    public <R> Fetched<R> map(Function<T, R> part) {
        return ok() ? of(part.apply(value)) : new Fetched<>(null, reason, cause);
    }

    public Optional<T> answer() {
        return Optional.ofNullable(value);
    }
}
