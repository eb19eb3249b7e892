package app.inbo.search.service;

import app.inbo.support.problem.InvalidRequestException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a result page ended: the score and id of its last result (results are ordered by score, then id), the
 * instant the scores' freshness was computed at (so every page of one search scores alike), and a fingerprint of
 * the query it belongs to. Opaque to clients: URL-safe Base64 of {@code v1|asOf|scoreBits|id|fingerprint}.
 */
public record SearchCursor(Instant asOf, double score, UUID id, String fingerprint) {

    private static final String VERSION = "v1";

    public String encode() {
        String text = String.join("|", VERSION, Long.toString(asOf.toEpochMilli()),
                Long.toHexString(Double.doubleToLongBits(score)), id.toString(), fingerprint);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor a client sent back; anything but a cursor of this very query is a 400 naming {@code cursor}. */
    public static SearchCursor decode(String value, String expectedFingerprint) {
        if (value.length() > 300) {
            throw malformed();
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            throw malformed();
        }
        SearchCursor cursor;
        try {
            cursor = new SearchCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])),
                    Double.longBitsToDouble(Long.parseUnsignedLong(parts[2], 16)), UUID.fromString(parts[3]), parts[4]);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw malformed();
        }
        if (!cursor.fingerprint.equals(expectedFingerprint)) {
            throw new InvalidRequestException("cursor", "belongs to a different query; start again without a cursor");
        }
        if (Double.isNaN(cursor.score) || Double.isInfinite(cursor.score)) {
            throw malformed();
        }
        return cursor;
    }

    private static InvalidRequestException malformed() {
        return new InvalidRequestException("cursor", "is not a cursor this service issued");
    }
}
