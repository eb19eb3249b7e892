package app.inbo.support.rest;

import app.inbo.support.problem.InvalidRequestException;

import java.util.UUID;

/** Parses ids that arrive as path or query text, so a malformed one is a 400 naming the field, not a 404. */
public final class Ids {

    private Ids() {
    }

    public static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException(value);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "must be a UUID");
        }
    }
}
