package app.inbo.search.service;

import app.inbo.contracts.events.ItemType;
import app.inbo.support.problem.InvalidRequestException;
import app.inbo.support.problem.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A search as the client asked for it, checked: every wrong parameter is named in one 400 problem.
 *
 * @param query    the words of {@code q}
 * @param type     {@code newsletter} or {@code post}, or empty for both
 * @param category a category slug, or empty for all
 * @param limit    results per page, 1–100 (default 20)
 * @param cursor   the {@code next_cursor} of the previous page, or empty for the first
 */
public record SearchRequest(QueryText query, Optional<ItemType> type, Optional<String> category, int limit,
                            Optional<String> cursor) {

    public static final int MAX_QUERY_LENGTH = 200;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    public static SearchRequest of(String q, String type, String category, String limit, String cursor) {
        List<Problem.InvalidParam> invalid = new ArrayList<>();
        QueryText query = query(q, invalid);
        Optional<ItemType> itemType = Optional.empty();
        if (type != null && !type.isEmpty()) {
            itemType = ItemType.parse(type);
            if (itemType.isEmpty()) {
                invalid.add(new Problem.InvalidParam("type", "must be newsletter or post"));
            }
        }
        Optional<String> slug = Optional.ofNullable(category).filter(c -> !c.isEmpty());
        if (slug.isPresent() && !SLUG.matcher(slug.get()).matches()) {
            invalid.add(new Problem.InvalidParam("category", "must be a category slug (a-z, 0-9, -; at most 100)"));
        }
        int pageSize = limit(limit, MAX_LIMIT, DEFAULT_LIMIT, invalid);
        Optional<String> after = Optional.ofNullable(cursor).filter(c -> !c.isEmpty());
        if (!invalid.isEmpty()) {
            throw new InvalidRequestException(invalid);
        }
        return new SearchRequest(query, itemType, slug, pageSize, after);
    }

    /** {@code q} of search and suggest: required, not blank, at most 200 characters. */
    static QueryText query(String q, List<Problem.InvalidParam> invalid) {
        if (q == null || q.isBlank()) {
            invalid.add(new Problem.InvalidParam("q", "is required and must not be blank"));
            return new QueryText(List.of());
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            invalid.add(new Problem.InvalidParam("q", "must be at most " + MAX_QUERY_LENGTH + " characters"));
            return new QueryText(List.of());
        }
        return QueryText.parse(q);
    }

    static int limit(String limit, int max, int fallback, List<Problem.InvalidParam> invalid) {
        if (limit == null || limit.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        invalid.add(new Problem.InvalidParam("limit", "must be a whole number from 1 to " + max));
        return fallback;
    }

    /** The request in canonical form: what makes two requests the same (cache key, cursor fingerprint). */
    public String canonical(boolean withPage) {
        String base = query.normalized() + '\n' + type.map(ItemType::wireName).orElse("") + '\n' + category.orElse("");
        return withPage ? base + '\n' + limit + '\n' + cursor.orElse("") : base;
    }
}
