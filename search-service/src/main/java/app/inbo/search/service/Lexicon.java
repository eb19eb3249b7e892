package app.inbo.search.service;

import app.inbo.search.config.SearchConfig;
import app.inbo.support.tx.AfterCommit;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words the index has seen (table {@code search_term}: titles and descriptions), for typo correction of query
 * words. Words known to be stored are also remembered in memory, up to {@code inbo.search.lexicon.cached-words}:
 * indexing a document then sends only the words the table may lack (after the first documents of a catalog, almost
 * none), and a query whose words are all known needs no correction lookup. Only words of committed writes are
 * remembered, and the table never loses a word, so the memory never claims a word the table lacks. At start the
 * memory is filled from the table (up to the same bound), so a restarted service does not look up every query word.
 */
@ApplicationScoped
public class Lexicon {

    private static final Logger LOG = Logger.getLogger(Lexicon.class);

    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 40;
    /** Shorter query words are never replaced (see {@code SearchIndexReader#correct}). */
    static final int MIN_CORRECTED_LENGTH = 4;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    AfterCommit afterCommit;

    @Inject
    SearchConfig config;

    @Inject
    DataSource dataSource;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * Remembers the stored words, up to the bound (100,000 words are a few MB); when the database does not answer at
     * start the memory starts empty and fills as documents are indexed.
     */
    void load(@Observes StartupEvent event) {
        rememberStoredWords();
    }

    /** Remembers the words stored in the table, as long as the memory has room. */
    public void rememberStoredWords() {
        int bound = config.lexicon().cachedWords();
        if (bound <= 0) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select word from search_term limit ?")) {
            s.setInt(1, bound);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next() && known.size() < bound) {
                    known.add(rows.getString(1));
                }
            }
            LOG.infof("lexicon: %d words remembered", known.size());
        } catch (SQLException e) {
            LOG.warnf("lexicon: stored words not loaded (%s); queries look their words up until they are indexed again",
                    e.getMessage());
        }
    }

    /** The distinct words of the texts (3–40 letters or digits, lower-case) not known to be stored, sorted. */
    public List<String> unknownWords(String... texts) {
        return Arrays.stream(texts).filter(Objects::nonNull).flatMap(QueryText::words)
                .filter(w -> w.length() >= MIN_LENGTH && w.length() <= MAX_LENGTH && !known.contains(w))
                .distinct().sorted().toList();
    }

    /** Whether correction could change any of these query words: not when each is known or too short to replace. */
    public boolean mayCorrect(List<String> words) {
        return words.stream().anyMatch(w -> w.length() >= MIN_CORRECTED_LENGTH && !known.contains(w));
    }

    /** The current transaction wrote these words to the table: they are remembered once it commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void written(List<String> words) {
        if (words.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> pending = (Set<String>) transactions.getResource(Lexicon.class);
        if (pending == null) {
            Set<String> fresh = new HashSet<>();
            transactions.putResource(Lexicon.class, fresh);
            afterCommit.run(Lexicon.class, () -> remember(fresh));
            pending = fresh;
        }
        pending.addAll(words);
    }

    private void remember(Set<String> words) {
        int room = config.lexicon().cachedWords() - known.size();
        words.stream().limit(Math.max(0, room)).forEach(known::add);
    }
}
