package app.inbo.search.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a user's query: runs of letters and digits, lower-cased. Everything else (including the tsquery
 * syntax {@code & | ! ( ) : * ' " \}) only separates words, so no input can produce an invalid full-text query.
 */
public record QueryText(List<String> words) {

    public static final int MAX_WORDS = 16;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    public static QueryText parse(String raw) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(raw);
        while (matcher.find() && words.size() < MAX_WORDS) {
            words.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        return new QueryText(List.copyOf(words));
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /** The words joined by single spaces: the canonical form for caching and exact-title comparison. */
    public String normalized() {
        return String.join(" ", words);
    }
}
