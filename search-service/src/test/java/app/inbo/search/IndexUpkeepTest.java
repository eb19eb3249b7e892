package app.inbo.search;

import app.inbo.search.service.Lexicon;
import app.inbo.search.support.CatalogFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After indexing, the service itself gives the planner statistics and empties the GIN pending lists (this machine's
 * PostgreSQL runs without autovacuum); the lexicon learns exactly the words of documents that were written.
 */
@QuarkusTest
class IndexUpkeepTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource db;

    @Inject
    Lexicon lexicon;

    @Test
    void afterABatchThePlannerKnowsTheWordsAndNoPendingEntriesRemain() {
        String word = CatalogFixture.uniqueWord();
        try (CatalogFixture catalog = new CatalogFixture(db)) {
            catalog.execute("create extension if not exists pgstattuple");
            UUID newsletter = UUID.randomUUID();
            List<UUID> posts = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                UUID id = UUID.randomUUID();
                posts.add(id);
                catalog.publish(CatalogFixture.post(id, newsletter, "Upkeep " + i, "about " + word, List.of()));
            }
            await().atMost(WAIT).until(() -> posts.stream().allMatch(id -> catalog.indexedAt(id, 1)));

            String lexeme = catalog.scalar("select plainto_tsquery('english', '" + word + "')::text").orElseThrow()
                    .replace("'", "");
            await().atMost(WAIT).untilAsserted(() -> assertTrue(catalog.scalar(
                    "select most_common_elems::text from pg_stats where tablename = 'search_document' "
                            + "and attname = 'search_vector'").orElse("").contains(lexeme),
                    "the statistics of search_vector know the new word"));
            await().atMost(WAIT).untilAsserted(() -> assertEquals("0", catalog.scalar(
                    "select sum(pending_tuples) from pg_index i join pg_class c on c.oid = i.indexrelid "
                            + "join pg_am a on a.oid = c.relam, pgstatginindex(i.indexrelid::regclass) "
                            + "where a.amname = 'gin' and i.indrelid = 'search_document'::regclass").orElseThrow()));
        }
    }

    @Test
    void theLexiconRemembersTheWordsAlreadyStored() {
        // a word a previous run of the service stored: not known to this process until it reads the table
        String stored = CatalogFixture.uniqueWord();
        try (CatalogFixture catalog = new CatalogFixture(db)) {
            catalog.execute("insert into search_term (word) values ('" + stored + "')");
            assertTrue(lexicon.mayCorrect(List.of(stored)));
            lexicon.rememberStoredWords();
            assertFalse(lexicon.mayCorrect(List.of(stored)), "a stored word needs no correction lookup");
        }
    }

    @Test
    void theLexiconLearnsTheWordsOfWrittenDocumentsOnly() {
        String written = CatalogFixture.uniqueWord();
        String failing = CatalogFixture.uniqueWord();
        UUID good = UUID.randomUUID();
        UUID bad = UUID.randomUUID();
        UUID newsletter = UUID.randomUUID();
        try (CatalogFixture catalog = new CatalogFixture(db)) {
            catalog.failIndexingOf(bad);
            catalog.publish(CatalogFixture.post(good, newsletter, "Lexicon " + written, "learned", List.of()));
            catalog.publish(CatalogFixture.post(bad, newsletter, "Lexicon " + failing, "not learned", List.of()));
            await().atMost(WAIT).until(() -> catalog.indexedAt(good, 1) && catalog.failure(bad).isPresent());

            await().atMost(WAIT).until(() -> !lexicon.mayCorrect(List.of(written)));
            assertTrue(lexicon.mayCorrect(List.of(failing)), "a failed document's words are not known");
            assertTrue(catalog.scalar("select word from search_term where word = '" + failing + "'").isEmpty());

            catalog.healIndexingOf(bad);
            await().atMost(WAIT).until(() -> catalog.indexedAt(bad, 1));
            await().atMost(WAIT).until(() -> !lexicon.mayCorrect(List.of(failing)));
            assertEquals(failing, catalog.scalar("select word from search_term where word = '" + failing + "'")
                    .orElseThrow());
            assertFalse(lexicon.mayCorrect(List.of("on", written.substring(0, 3))), "words too short to correct");
        }
    }
}
