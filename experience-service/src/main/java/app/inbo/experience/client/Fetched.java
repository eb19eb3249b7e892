package app.inbo.experience.client;

import java.util.Optional;

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

    public Optional<T> answer() {
        return Optional.ofNullable(value);
    }
}
