package app.inbo.recommendation.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The experiments, one row each; every change is one statement (autocommit), so concurrent admin calls on any
 * instance never leave a half-made change, and the database decides races (one running experiment at a time).
 */
@ApplicationScoped
public class ExperimentStore {

    private static final String COLUMNS = "name, variants::text, status, winner, created_at, updated_at";

    /** Creates or redefines a running experiment; an ended one is left as it is (no row returned). */
    private static final String DEFINE = """
            insert into experiment as e (name, variants, status, created_at, updated_at)
            values (?, ?::jsonb, 'running', ?, ?)
            on conflict (name) do update set variants = excluded.variants, updated_at = excluded.updated_at
            where e.status = 'running'
            returning\s""" + COLUMNS;

    /** Starts an experiment unless one of that name exists (empty then); throws {@link AnotherRunning}. */
    private static final String CREATE = """
            insert into experiment (name, variants, status, created_at, updated_at)
            values (?, ?::jsonb, 'running', ?, ?)
            on conflict (name) do nothing
            returning\s""" + COLUMNS;

    /** Ends a running experiment with a winner that is one of its variants (no row returned otherwise). */
    private static final String END = """
            update experiment set status = 'ended', winner = ?, updated_at = ?
            where name = ? and status = 'running' and variants @> jsonb_build_array(jsonb_build_object('name', ?::text))
            returning\s""" + COLUMNS;

    /** What ranks now: the running experiment, else the winner of the experiment that ended last. */
    private static final String RANKING = "select " + COLUMNS + " from experiment "
            + "where status = 'running' or winner is not null order by status = 'running' desc, updated_at desc limit 1";

    private static final TypeReference<List<Experiment.Variant>> VARIANTS = new TypeReference<>() {
    };

    /** SQL state of a unique violation: here, another experiment is running. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    /** The experiment, unless the name is taken by an ended one (empty); throws {@link AnotherRunning}. */
    public Optional<Experiment> define(String name, List<Experiment.Variant> variants, Instant now) {
        return write(DEFINE, name, variants, now);
    }

    /** The new experiment, or empty when one of that name exists; throws {@link AnotherRunning}. */
    public Optional<Experiment> create(String name, List<Experiment.Variant> variants, Instant now) {
        return write(CREATE, name, variants, now);
    }

    private Optional<Experiment> write(String sql, String name, List<Experiment.Variant> variants, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement define = c.prepareStatement(sql)) {
            define.setString(1, name);
            define.setString(2, json.writeValueAsString(variants));
            define.setObject(3, now.atOffset(ZoneOffset.UTC));
            define.setObject(4, now.atOffset(ZoneOffset.UTC));
            return one(define);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new AnotherRunning(e);
            }
            throw failure("defining experiment " + name, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("variants of experiment " + name + " cannot be written as JSON", e);
        }
    }

    /** The ended experiment, if it was running and {@code winner} is one of its variants. */
    public Optional<Experiment> end(String name, String winner, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement end = c.prepareStatement(END)) {
            end.setString(1, winner);
            end.setObject(2, now.atOffset(ZoneOffset.UTC));
            end.setString(3, name);
            end.setString(4, winner);
            return one(end);
        } catch (SQLException e) {
            throw failure("ending experiment " + name, e);
        }
    }

    public Optional<Experiment> find(String name) {
        return query("select " + COLUMNS + " from experiment where name = ?", name).stream().findFirst();
    }

    /** Every experiment, the most recently changed first. */
    public List<Experiment> all() {
        return query("select " + COLUMNS + " from experiment order by updated_at desc, name", null);
    }

    /** The experiment whose variants rank now (see {@link #RANKING}). */
    public Optional<Experiment> ranking() {
        return query(RANKING, null).stream().findFirst();
    }

    /** Another experiment is running: only one may. */
    public static final class AnotherRunning extends RuntimeException {
        AnotherRunning(Throwable cause) {
            super(cause);
        }
    }

    private List<Experiment> query(String sql, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            if (name != null) {
                query.setString(1, name);
            }
            return all(query);
        } catch (SQLException e) {
            throw failure("reading experiments", e);
        }
    }

    private Optional<Experiment> one(PreparedStatement statement) throws SQLException {
        return all(statement).stream().findFirst();
    }

    private List<Experiment> all(PreparedStatement statement) throws SQLException {
        List<Experiment> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(new Experiment(rows.getString(1), variants(rows.getString(1), rows.getString(2)),
                        Experiment.Status.valueOf(rows.getString(3).toUpperCase(Locale.ROOT)),
                        rows.getString(4), rows.getObject(5, OffsetDateTime.class).toInstant(),
                        rows.getObject(6, OffsetDateTime.class).toInstant()));
            }
        }
        return found;
    }

    private List<Experiment.Variant> variants(String name, String text) {
        try {
            return json.readValue(text, VARIANTS).stream().map(v -> v.ranking() != null ? v
                    : new Experiment.Variant(v.name(), v.share(), Map.of())).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored variants of experiment " + name + " are not readable", e);
        }
    }

    private static PersistenceException failure(String what, SQLException e) {
        return new PersistenceException(what + " failed: " + e.getMessage(), e);
    }
}
