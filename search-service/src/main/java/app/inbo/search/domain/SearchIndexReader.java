package app.inbo.search.domain;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The read queries of the search index, in plain SQL so each is one index-driven statement: full text through the
 * GIN index on {@code search_vector}, typo correction through the trigram index on {@code search_term}.
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
     * title. Ordered by score, then id, so a cursor (score, id) continues without duplicates or gaps.
     */
    private static final String SEARCH = """
            with q as (select plainto_tsquery('english', ?) as query),
            ranked as (
                select d.id, d.type, d.title, d.body, d.categories,
                    (ts_rank(d.search_vector, q.query)
                        * (1 + ? * power(0.5, greatest(0, extract(epoch from (?::timestamptz
                                - coalesce(d.fresh_at, d.indexed_at)))) / ?))
                     + case when d.title_key = ? then ? else 0 end)::float8 as score
                from q, (
                    -- a bounded candidate set keeps a query on very common words as cheap as any; the exact
                    -- title always joins it (through its own index)
                    (select c.* from search_document c, q
                     where not c.deleted and c.search_vector @@ q.query %1$s limit ?)
                    union
                    (select c.* from search_document c, q
                     where not c.deleted and c.title_key = ? and c.search_vector @@ q.query %1$s)
                ) d
            ),
            page as (
                select * from ranked %2$s order by score desc, id limit ?
            )
            select p.id, p.type, p.title, p.categories::text, p.score,
                ts_headline('english',
                    replace(replace(replace(coalesce(p.body, p.title, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                    q.query, 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, '
                        || 'FragmentDelimiter=" … "')
            from page p, q
            order by p.score desc, p.id
            """;

    /**
     * Titles whose words start with what was typed (the last word as a prefix, the others whole), matched in the
     * title only (weight A). Candidates are bounded before ranking, so a one-letter prefix costs what any does.
     */
    private static final String SUGGEST = """
            with q as (
                -- the last word as a prefix both stemmed and as typed: "runnin" must find "running" (stem "run")
                select to_tsquery('english', ?) && (to_tsquery('english', ?) || to_tsquery('simple', ?)) as query),
            candidates as (
                (select d.id, d.type, d.title, ts_rank(d.search_vector, q.query) as rank
                 from search_document d, q
                 where not d.deleted and d.type = 'newsletter' and d.search_vector @@ q.query limit 100)
                union
                (select d.id, d.type, d.title, ts_rank(d.search_vector, q.query) as rank
                 from search_document d, q
                 where not d.deleted and d.search_vector @@ q.query limit 300)
            ),
            distinct_titles as (
                select distinct on (lower(title)) id, type, title, rank
                from candidates order by lower(title), type = 'newsletter' desc, rank desc, id
            )
            select id, type, title from distinct_titles
            order by type = 'newsletter' desc, rank desc, title, id
            limit ?
            """;

    /** One search: the query's words, its filters and where the previous page ended. */
    public record Spec(String words, String titleKey, String type, String categoryFilterJson, Instant asOf,
                       Double afterScore, UUID afterId, int limit, int maxCandidates, Ranking ranking) {
    }

    public record Ranking(double freshnessBoost, Duration freshnessHalfLife, double exactTitleBonus) {
    }

    public record Hit(UUID id, String type, String title, String categoriesJson, double score, String snippet) {
    }

    public record Suggestion(UUID id, String type, String title) {
    }

    public List<String> correct(Connection c, List<String> words, double similarity) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CORRECT)) {
            Array array = c.createArrayOf("text", words.toArray());
            s.setDouble(1, similarity);
            s.setArray(2, array);
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
            filters.append(" and c.type = ?");
        }
        if (spec.categoryFilterJson() != null) {
            filters.append(" and c.categories @> ?::jsonb");
        }
        String after = spec.afterId() != null ? "where score < ? or (score = ? and id > ?)" : "";
        try (PreparedStatement s = c.prepareStatement(String.format(SEARCH, filters, after))) {
            int i = 1;
            s.setString(i++, spec.words());
            s.setDouble(i++, spec.ranking().freshnessBoost());
            s.setObject(i++, spec.asOf().atOffset(ZoneOffset.UTC));
            s.setDouble(i++, spec.ranking().freshnessHalfLife().toMillis() / 1000.0);
            s.setString(i++, spec.titleKey());
            s.setDouble(i++, spec.ranking().exactTitleBonus());
            i = bindFilters(s, i, spec);
            s.setInt(i++, spec.maxCandidates());
            s.setString(i++, spec.titleKey());
            i = bindFilters(s, i, spec);
            if (spec.afterId() != null) {
                s.setDouble(i++, spec.afterScore());
                s.setDouble(i++, spec.afterScore());
                s.setObject(i++, spec.afterId());
            }
            s.setInt(i, spec.limit());
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

    private static int bindFilters(PreparedStatement s, int index, Spec spec) throws SQLException {
        int i = index;
        if (spec.type() != null) {
            s.setString(i++, spec.type());
        }
        if (spec.categoryFilterJson() != null) {
            s.setString(i++, spec.categoryFilterJson());
        }
        return i;
    }

    /** {@code tsquery} is built from words of letters and digits only, so it is always valid. */
    public List<Suggestion> suggest(Connection c, List<String> words, int limit) throws SQLException {
        StringBuilder whole = new StringBuilder();
        for (String word : words.subList(0, words.size() - 1)) {
            whole.append(whole.isEmpty() ? "" : " & ").append(word).append(":A");
        }
        String last = words.get(words.size() - 1);
        String prefix = last + (last.length() >= 2 ? ":*A" : ":A");
        try (PreparedStatement s = c.prepareStatement(SUGGEST)) {
            s.setString(1, whole.toString());
            s.setString(2, prefix);
            s.setString(3, prefix);
            s.setInt(4, limit);
            List<Suggestion> suggestions = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    suggestions.add(new Suggestion(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3)));
                }
            }
            return suggestions;
        }
    }

    /** The containment filter for a category slug: {@code [{"slug": "..."}]}. */
    public static String categoryFilter(String slug) {
        return SearchIndexStore.json(List.of(Map.of("slug", slug)));
    }
}
