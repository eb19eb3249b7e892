package app.inbo.search.domain;

import app.inbo.support.jdbc.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The read queries of the search index, in plain SQL so each is one index-driven statement: full text through the
 * GIN indexes on {@code search_vector} and {@code title_vector} (with the categories, for a category filter),
 * freshness through {@code search_document_recent}, typo correction through the trigram index on {@code search_term}.
 * <p>
 * Search and suggest statements are planned for their actual words each time (no server-side prepared plan): how
 * common the words are decides whether walking the freshness index or collecting the GIN matches is cheaper, and a
 * generic plan cannot know that.
 */
@ApplicationScoped
public class SearchIndexReader {

    /** Each query word that the index does not know is replaced by the most similar word it knows (if close enough). */
    private static final String CORRECT = """
            select coalesce(
                (select t.word from search_term t where t.word = q.w),
                (select t.word from search_term t
                 where length(q.w) >= 4 and t.word % q.w and similarity(t.word, q.w) >= ?
                 order by similarity(t.word, q.w) desc, t.word limit 1),
                q.w)
            from unnest(?::text[]) with ordinality as q(w, i)
            order by q.i
            """;

    /**
     * Relevance: {@code ts_rank} over the weighted vector (A title, B description/summary, C newsletter name),
     * times a freshness factor {@code 1 + boost · 0.5^(age / half-life)}, plus a bonus when the query is the whole
     * title; in float8 throughout (numeric {@code power} costs more than the rest of the query together).
     */
    private static final String SCORE = """
            (ts_rank(d.search_vector, plainto_tsquery('english', ?)) * (1 + ? * power(0.5::float8,
                greatest(0::float8, date_part('epoch', ?::timestamptz - coalesce(d.fresh_at, d.indexed_at))) / ?))
             + case when d.title_key = ? then ? else 0::float8 end)""";

    /**
     * A common word matches tens of thousands of documents; ranking all of them costs far more than a query may. The
     * ranked candidates are therefore (1) the matches among the most recent documents (the ones the freshness boost
     * lifts; a bounded walk of the freshness index, whatever the words), (2) matches in the title (a title
     * occurrence outranks any number of description occurrences of a single word), (3) further matches, and (4) the
     * document whose title is the query. (2) and (3) are taken in table order, which is deterministic because this
     * service's sessions scan from the table's start and never in parallel (see application.properties), so every
     * page of a search ranks the same candidates. Ordered by score, then id, so a cursor (score, id) continues
     * without duplicates or gaps.
     */
    private static final String SEARCH = """
            with candidates as (
                (select d.id, %1$s as score
                 from (select id, type, categories, search_vector, title_key, fresh_at, indexed_at,
                           coalesce(fresh_at, indexed_at) as fresh
                       from search_document where not deleted
                       order by coalesce(fresh_at, indexed_at) desc, id limit ?) d
                 -- ordered by the walk's own column, so the walk stops once enough matched
                 where d.search_vector @@ plainto_tsquery('english', ?) %2$s
                 order by d.fresh desc, d.id limit ?)
                union
                (select d.id, %1$s from search_document d
                 where not d.deleted and d.title_vector @@ plainto_tsquery('english', ?) %2$s limit ?)
                union
                (select d.id, %1$s from search_document d
                 where not d.deleted and d.search_vector @@ plainto_tsquery('english', ?) %2$s limit ?)
                union
                (select d.id, %1$s from search_document d
                 where not d.deleted and d.title_key = ? and d.search_vector @@ plainto_tsquery('english', ?) %2$s)
            ),
            page as (
                select id, score, row_number() over (order by score desc, id) as n
                from candidates %3$s order by score desc, id limit ?
            )
            -- snippets for the rows shown only (the last one may be there just to tell that more follow)
            select d.id, d.type, d.title, d.categories::text, p.score,
                case when p.n <= ? then ts_headline('english',
                    replace(replace(replace(coalesce(d.body, d.title, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                    plainto_tsquery('english', ?), 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, '
                        || 'MaxFragments=2, FragmentDelimiter=" … "') end
            from page p join search_document d on d.id = p.id
            order by p.score desc, p.id
            """;

    /**
     * Titles whose words start with what was typed (the last word as a prefix, the others whole), matched in the
     * title words ({@code title_vector}) and ranked as title matches (weight A) of the whole vector. Candidates are
     * bounded before ranking, so a one-letter prefix costs what any does.
     */
    private static final String SUGGEST = """
            with candidates as (
                (select d.id, d.type, d.title, ts_rank(d.search_vector, %2$s) as rank from search_document d
                 where not d.deleted and d.type = 'newsletter' and d.title_vector @@ (%1$s) limit 100)
                union
                (select d.id, d.type, d.title, ts_rank(d.search_vector, %2$s) from search_document d
                 where not d.deleted and d.title_vector @@ (%1$s) limit 300)
            ),
            distinct_titles as (
                select distinct on (lower(title)) id, type, title, rank
                from candidates order by lower(title), type = 'newsletter' desc, rank desc, id
            )
            select id, type, title from distinct_titles
            order by type = 'newsletter' desc, rank desc, title, id
            limit ?
            """;

    /** The words so far whole, the last one as typed and (2+ letters) as a prefix, stemmed or as typed. */
    private static final String TYPED = "to_tsquery('english', ?) && (to_tsquery('english', ?) || to_tsquery('simple', ?))";

    /**
     * One search: the query's words, its filters and where the previous page ended; {@code limit} rows at most, of
     * which the first {@code shown} get a snippet.
     */
    public record Spec(String words, String titleKey, String type, String categoryFilterJson, Instant asOf,
                       Double afterScore, UUID afterId, int limit, int shown, Candidates candidates,
                       Ranking ranking) {
    }

    /** How many matches of each kind are ranked, and among how many of the most recent documents (see {@link #SEARCH}). */
    public record Candidates(int recentDocuments, int recent, int title, int other) {
    }

    public record Ranking(double freshnessBoost, Duration freshnessHalfLife, double exactTitleBonus) {
    }

    public record Hit(UUID id, String type, String title, String categoriesJson, double score, String snippet) {
    }

    public record Suggestion(UUID id, String type, String title) {
    }

    public List<String> correct(Connection c, List<String> words, double similarity) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CORRECT)) {
            s.setDouble(1, similarity);
            SqlArrays.texts(s, 2, words);
            List<String> corrected = new ArrayList<>(words.size());
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    corrected.add(rows.getString(1));
                }
            }
            return corrected;
        }
    }

    public List<Hit> search(Connection c, Spec spec) throws SQLException {
        StringBuilder filters = new StringBuilder();
        if (spec.type() != null) {
            filters.append(" and d.type = ?");
        }
        if (spec.categoryFilterJson() != null) {
            filters.append(" and d.categories @> ?::jsonb");
        }
        String after = spec.afterId() != null ? "where score < ? or (score = ? and id > ?)" : "";
        Ranking ranking = spec.ranking();
        OffsetDateTime asOf = spec.asOf().atOffset(ZoneOffset.UTC);
        List<Object> score = List.of(spec.words(), ranking.freshnessBoost(), asOf,
                ranking.freshnessHalfLife().toMillis() / 1000.0, spec.titleKey(), ranking.exactTitleBonus());
        List<Object> filterValues = new ArrayList<>(2);
        if (spec.type() != null) {
            filterValues.add(spec.type());
        }
        if (spec.categoryFilterJson() != null) {
            filterValues.add(spec.categoryFilterJson());
        }
        Candidates candidates = spec.candidates();
        List<Object> values = new ArrayList<>(48);
        values.addAll(score);
        values.add(candidates.recentDocuments());
        values.add(spec.words());
        values.addAll(filterValues);
        values.add(candidates.recent());
        values.addAll(score);
        values.add(spec.words());
        values.addAll(filterValues);
        values.add(candidates.title());
        values.addAll(score);
        values.add(spec.words());
        values.addAll(filterValues);
        values.add(candidates.other());
        values.addAll(score);
        values.add(spec.titleKey());
        values.add(spec.words());
        values.addAll(filterValues);
        if (spec.afterId() != null) {
            values.add(spec.afterScore());
            values.add(spec.afterScore());
            values.add(spec.afterId());
        }
        values.add(spec.limit());
        values.add(spec.shown());
        values.add(spec.words());
        try (PreparedStatement s = planEachTime(c.prepareStatement(String.format(SEARCH, SCORE, filters, after)))) {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            List<Hit> hits = new ArrayList<>(spec.limit());
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    hits.add(new Hit(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getDouble(5), rows.getString(6)));
                }
            }
            return hits;
        }
    }

    /** {@code tsquery} is built from words of letters and digits only, so it is always valid. */
    public List<Suggestion> suggest(Connection c, List<String> words, int limit) throws SQLException {
        try (PreparedStatement s = planEachTime(c.prepareStatement(String.format(SUGGEST, TYPED, TYPED)))) {
            int i = 1;
            // matched in the title words (no weights there), ranked among the title (weight A) positions
            for (int branch = 0; branch < 2; branch++) {
                i = bindTyped(s, i, words, "A");
                i = bindTyped(s, i, words, "");
            }
            s.setInt(i, limit);
            List<Suggestion> suggestions = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    suggestions.add(new Suggestion(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3)));
                }
            }
            return suggestions;
        }
    }

    private static int bindTyped(PreparedStatement s, int index, List<String> words, String weight) throws SQLException {
        StringBuilder whole = new StringBuilder();
        for (String word : words.subList(0, words.size() - 1)) {
            whole.append(whole.isEmpty() ? "" : " & ").append(word).append(weight.isEmpty() ? "" : ":" + weight);
        }
        String last = words.get(words.size() - 1);
        String prefix = last + (last.length() >= 2 ? ":*" + weight : weight.isEmpty() ? "" : ":" + weight);
        s.setString(index, whole.toString());
        s.setString(index + 1, prefix);
        s.setString(index + 2, prefix);
        return index + 3;
    }

    /** A server-side prepared statement would soon run a generic plan, blind to how common the words are. */
    private static PreparedStatement planEachTime(PreparedStatement statement) throws SQLException {
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        return statement;
    }

    /** The containment filter for a category slug: {@code [{"slug": "..."}]}. */
    public static String categoryFilter(String slug) {
        return SearchIndexStore.json(List.of(Map.of("slug", slug)));
    }
}
