package app.inbo.search.service;

import app.inbo.contracts.events.CatalogEvent;
import app.inbo.contracts.events.CategoryDeleted;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.NewsletterDeleted;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostDeleted;
import app.inbo.contracts.events.PostEvent;
import app.inbo.search.domain.SearchIndexStore;
import app.inbo.support.messaging.TransientFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Applies one catalog event to the index inside the caller's transaction, behind a savepoint: when the document
 * cannot be written the savepoint is rolled back and the failure is returned, and the transaction stays usable, so
 * the caller can store the failure in it. A transient failure (the database is away) is thrown instead: nothing
 * can be stored then, and the caller retries the whole unit of work.
 */
@ApplicationScoped
public class DocumentIndexer {

    /** What applying an event did. */
    public sealed interface Outcome {
    }

    /** The document changed. */
    public record Applied(Change change) implements Outcome {
    }

    /** The index already holds this version or a newer one (or the post's newsletter is deleted): nothing changed. */
    public record Stale() implements Outcome {
    }

    /** The document could not be written; the index is as before. */
    public record Failed(SQLException cause) implements Outcome {
        public String describe() {
            return cause.getClass().getSimpleName() + " [" + cause.getSQLState() + "]: " + cause.getMessage();
        }
    }

    public enum Change { INDEXED, DELETED, CATEGORY }

    @Inject
    EntityManager em;

    @Inject
    SearchIndexStore store;

    @Inject
    Lexicon lexicon;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome apply(CatalogEvent event) {
        Instant now = Instant.now(clock);
        Planned planned = event.applyTo(new Plans(now));
        boolean bundled = event instanceof PostEvent || event instanceof PostDeleted;
        Outcome result = em.unwrap(Session.class).doReturningWork(connection -> {
            // savepoints as SQL: the pool refuses JDBC's rollback(Savepoint) on a connection enlisted in JTA;
            // post statements set and release the savepoint themselves, in the same round trip
            try (Statement savepoint = connection.createStatement()) {
                if (!bundled) {
                    savepoint.execute("savepoint " + SearchIndexStore.SAVEPOINT);
                }
                try {
                    boolean applied = planned.write().on(connection);
                    if (!bundled) {
                        savepoint.execute("release savepoint " + SearchIndexStore.SAVEPOINT);
                    }
                    return applied ? new Applied(planned.change()) : new Stale();
                } catch (SQLException failure) {
                    if (TransientFailures.isTransient(failure)) {
                        throw failure;
                    }
                    savepoint.execute("rollback to savepoint " + SearchIndexStore.SAVEPOINT);
                    savepoint.execute("release savepoint " + SearchIndexStore.SAVEPOINT);
                    return new Failed(failure);
                }
            }
        });
        if (!(result instanceof Failed)) {
            lexicon.written(planned.newWords());
        }
        return result;
    }

    /**
     * Writes many posts (at most one event per post) in one statement behind one savepoint. Returns the ids written
     * (the others were stale or of a deleted newsletter), or nothing when the statement failed for a reason that
     * will not pass: the savepoint is rolled back, the index is as before, and the caller applies them one by one
     * to isolate the failing document. A transient failure is thrown, as by {@link #apply}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Set<UUID>> applyPosts(List<PostEvent> posts) {
        Instant now = Instant.now(clock);
        List<String> newWords = lexicon.unknownWords(posts.stream()
                .flatMap(p -> Stream.of(p.title(), p.summary())).toArray(String[]::new));
        Optional<Set<UUID>> written = em.unwrap(Session.class).doReturningWork(connection -> {
            try (Statement savepoint = connection.createStatement()) {
                savepoint.execute("savepoint " + SearchIndexStore.SAVEPOINT);
                try {
                    Set<UUID> ids = store.upsertPosts(connection, posts, newWords, now);
                    savepoint.execute("release savepoint " + SearchIndexStore.SAVEPOINT);
                    return Optional.of(ids);
                } catch (SQLException failure) {
                    if (TransientFailures.isTransient(failure)) {
                        throw failure;
                    }
                    savepoint.execute("rollback to savepoint " + SearchIndexStore.SAVEPOINT);
                    savepoint.execute("release savepoint " + SearchIndexStore.SAVEPOINT);
                    return Optional.empty();
                }
            }
        });
        if (written.isPresent()) {
            lexicon.written(newWords);
        }
        return written;
    }

    /** A statement on the transaction's connection; true when it changed the index. */
    @FunctionalInterface
    private interface Write {
        boolean on(Connection connection) throws SQLException;
    }

    /** What an event does to the index, and the words of its title and text the lexicon may lack. */
    private record Planned(Change change, List<String> newWords, Write write) {
    }

    private final class Plans implements CatalogEvent.Handler<Planned> {
        private final Instant now;

        Plans(Instant now) {
            this.now = now;
        }

        @Override
        public Planned newsletter(NewsletterUpserted n) {
            List<String> words = lexicon.unknownWords(n.name(), n.description());
            return new Planned(Change.INDEXED, words, c -> store.upsertNewsletter(c, n, words, now));
        }

        @Override
        public Planned post(PostEvent p) {
            List<String> words = lexicon.unknownWords(p.title(), p.summary());
            return new Planned(Change.INDEXED, words, c -> store.upsertPost(c, p, words, now));
        }

        @Override
        public Planned newsletterDeleted(NewsletterDeleted n) {
            return new Planned(Change.DELETED, List.of(), c -> store.deleteNewsletter(c, n, now));
        }

        @Override
        public Planned postDeleted(PostDeleted p) {
            return new Planned(Change.DELETED, List.of(), c -> store.deletePost(c, p, now));
        }

        @Override
        public Planned category(CategoryUpserted k) {
            return new Planned(Change.CATEGORY, List.of(), c -> store.upsertCategory(c, k));
        }

        @Override
        public Planned categoryDeleted(CategoryDeleted k) {
            return new Planned(Change.CATEGORY, List.of(), c -> store.deleteCategory(c, k));
        }
    }
}
