package app.inbo.search.service;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The words of a user's query: runs of letters and digits, lower-cased. Everything else (including the tsquery
 * syntax {@code & | ! ( ) : * ' " \}) only separates words, so no input can produce an invalid full-text query.
 */
public record QueryText(List<String> words) {

    public static final int MAX_WORDS = 16;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    public static QueryText parse(String raw) {
        return new QueryText(words(raw).limit(MAX_WORDS).toList());
    }

    /** The words of any text by the same rule, so the lexicon learns words as queries will have them. */
    static Stream<String> words(String text) {
        return WORD.matcher(text).results().map(m -> m.group().toLowerCase(Locale.ROOT));
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /** The words joined by single spaces: the canonical form for caching and exact-title comparison. */
    public String normalized() {
        return String.join(" ", words);
    }
}
