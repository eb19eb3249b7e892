package app.inbo.search.service;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.redis.RedisKeys;
import app.inbo.search.config.SearchConfig;
import app.inbo.search.domain.SearchIndexReader;
import app.inbo.support.cache.GenerationCache;
import app.inbo.support.messaging.TransientFailures;
import app.inbo.support.problem.InvalidRequestException;
import app.inbo.support.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ServiceUnavailableException;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Answers searches: typo correction of the query words, one ranked full-text query per page, result pages cached
 * in Redis per index generation.
 */
@ApplicationScoped
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class);
    private static final TypeReference<List<CategoryRef>> CATEGORIES = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;

    @Inject
    SearchIndexReader reader;

    @Inject
    GenerationCache<String, Page> cache;

    @Inject
    Lexicon lexicon;

    @Inject
    SearchConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    /** One page of results. */
    public record Page(List<Result> results, String nextCursor) {
    }

    public record Result(String id, String type, String title, String snippet, List<CategoryRef> categories,
                         double score) {
    }

    public record Suggestions(List<Suggestion> suggestions) {
    }

    public record Suggestion(String id, String type, String title) {
    }

    public Page search(SearchRequest request) {
        String fingerprint = sha256(request.canonical(false)).substring(0, 16);
        Optional<SearchCursor> after = request.cursor().map(c -> SearchCursor.decode(c, fingerprint));
        if (request.query().isEmpty()) {
            // only separators (e.g. "&|!"): nothing can match
            return new Page(List.of(), null);
        }
        String key = RedisKeys.searchResults(sha256(request.canonical(true)).substring(0, 32));
        Optional<GenerationCache.Lookup<Page>> lookup = cache.lookup(SearchCaching.INDEX, key);
        Optional<Page> cached = lookup.flatMap(GenerationCache.Lookup::value);
        if (cached.isPresent()) {
            return cached.get();
        }
        Timer.Sample sample = Timer.start(registry);
        Page page = query(request, after, fingerprint);
        sample.stop(registry.timer("search_query_seconds", "endpoint", "search"));
        // stored without holding up the answer
        lookup.ifPresent(found -> cache.storeWithoutWaiting(found, page));
        return page;
    }

    public Suggestions suggest(String q, String limit) {
        List<Problem.InvalidParam> invalid = new ArrayList<>();
        QueryText query = SearchRequest.query(q, invalid);
        int size = SearchRequest.limit(limit, 20, 8, invalid);
        if (!invalid.isEmpty()) {
            throw new InvalidRequestException(invalid);
        }
        if (query.isEmpty()) {
            return new Suggestions(List.of());
        }
        Timer.Sample sample = Timer.start(registry);
        try (Connection c = dataSource.getConnection()) {
            List<Suggestion> suggestions = reader.suggest(c, query.words(), size).stream()
                    .map(s -> new Suggestion(s.id().toString(), s.type(), s.title())).toList();
            return new Suggestions(suggestions);
        } catch (SQLException e) {
            throw failure("suggest", e);
        } finally {
            sample.stop(registry.timer("search_query_seconds", "endpoint", "suggest"));
        }
    }

    private Page query(SearchRequest request, Optional<SearchCursor> after, String fingerprint) {
        SearchConfig.Ranking ranking = config.ranking();
        Instant asOf = after.map(SearchCursor::asOf).orElseGet(() -> Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        try (Connection c = dataSource.getConnection()) {
            List<String> words = request.query().words();
            if (lexicon.mayCorrect(words)) {
                words = reader.correct(c, words, ranking.typoSimilarity());
            }
            if (!words.equals(request.query().words())) {
                registry.counter("search_queries_corrected_total").increment();
                LOG.debugf("query '%s' corrected to '%s'", request.query().normalized(), String.join(" ", words));
            }
            SearchIndexReader.Spec spec = new SearchIndexReader.Spec(String.join(" ", words),
                    request.query().normalized(), request.type().map(ItemType::wireName).orElse(null),
                    request.category().map(SearchIndexReader::categoryFilter).orElse(null), asOf,
                    after.map(SearchCursor::score).orElse(null), after.map(SearchCursor::id).orElse(null),
                    request.limit() + 1, request.limit(), new SearchIndexReader.Candidates(ranking.recentDocuments(),
                            ranking.recentCandidates(), ranking.titleCandidates(), ranking.otherCandidates()),
                    new SearchIndexReader.Ranking(ranking.freshnessBoost(), ranking.freshnessHalfLife(),
                            ranking.exactTitleBonus()));
            List<SearchIndexReader.Hit> hits = reader.search(c, spec);
            boolean more = hits.size() > request.limit();
            List<SearchIndexReader.Hit> shown = more ? hits.subList(0, request.limit()) : hits;
            List<Result> results = shown.stream().map(this::result).toList();
            String next = null;
            if (more) {
                SearchIndexReader.Hit last = shown.get(shown.size() - 1);
                next = new SearchCursor(asOf, last.score(), last.id(), fingerprint).encode();
            }
            return new Page(results, next);
        } catch (SQLException e) {
            throw failure("search", e);
        }
    }

    /** The database being away is a 503 the client may retry; anything else is a fault of ours. */
    private RuntimeException failure(String what, SQLException e) {
        if (TransientFailures.isTransient(e)) {
            registry.counter("search_unavailable_total", "endpoint", what).increment();
            LOG.warnf("%s unavailable: %s", what, e.getMessage());
            return new ServiceUnavailableException("the search index is unavailable for a moment; retry shortly");
        }
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }

    private Result result(SearchIndexReader.Hit hit) {
        try {
            return new Result(hit.id().toString(), hit.type(), hit.title(), hit.snippet(),
                    json.readValue(hit.categoriesJson(), CATEGORIES), hit.score());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("categories of " + hit.id() + " are not valid JSON", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
