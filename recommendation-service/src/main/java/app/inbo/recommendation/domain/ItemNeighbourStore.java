package app.inbo.recommendation.domain;

import app.inbo.support.jdbc.AdvisoryLock;
import app.inbo.support.jdbc.SqlArrays;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** The item-to-item model's input (who engaged with what) and the model itself (item_neighbour). */
@ApplicationScoped
public class ItemNeighbourStore {

    /** Each user's most recent engaged items (not dismissed, item still in the catalog), grouped by user. */
    private static final String ENGAGEMENTS = """
            select e.user_id, e.item_id from (
                select s.user_id, s.item_id,
                       row_number() over (partition by s.user_id order by s.engaged_at desc, s.item_id) as n
                from user_item_state s
                where s.engaged_at is not null and not s.dismissed) e
            join catalog_item i on i.id = e.item_id and not i.deleted
            where e.n <= ?
            order by e.user_id""";

    private static final String INSERT_NEIGHBOURS = """
            insert into item_neighbour (item_id, neighbour_id, similarity)
            select * from unnest(?::uuid[], ?::uuid[], ?::float8[])""";

    private static final String UPSERT_MODEL = """
            insert into item_similarity_model as m (id, trained_at, users, items, engagements, neighbours, duration_ms,
                                                    memory_bytes)
            values (true, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set trained_at = excluded.trained_at, users = excluded.users,
                items = excluded.items, engagements = excluded.engagements, neighbours = excluded.neighbours,
                duration_ms = excluded.duration_ms, memory_bytes = excluded.memory_bytes""";

    private static final String MODEL = """
            select trained_at, users, items, engagements, neighbours, duration_ms, memory_bytes from item_similarity_model""";

    private static final int WRITE_CHUNK = 10_000;

    @Inject
    AgroalDataSource dataSource;

    /** The input of a training run: item ids by index, and per user the indices of their engaged items. */
    public record Engagements(List<UUID> items, int[][] itemsByUser, long count) {
    }

    public record ModelSummary(Instant trainedAt, int users, int items, long engagements, long neighbours,
                               long durationMs, long memoryBytes) {
    }

    /** One row of the model: {@code itemId} is similar to {@code sourceId} (whose title is given). */
    public record Neighbour(UUID sourceId, String sourceTitle, UUID itemId, double similarity) {
    }

    /**
     * Runs {@code work} only if no other instance is running it (a session advisory lock on a connection of its
     * own); returns whether it ran.
     */
    public boolean exclusively(String name, BooleanSupplier work) {
        try (Connection c = dataSource.getConnection()) {
            return AdvisoryLock.tryWith(c, name, work::getAsBoolean).orElse(false);
        } catch (SQLException e) {
            throw new PersistenceException("could not lock " + name + ": " + e.getMessage(), e);
        }
    }

    public Engagements engagements(int maxItemsPerUser) {
        Map<UUID, Integer> index = new HashMap<>();
        List<UUID> items = new ArrayList<>();
        List<int[]> byUser = new ArrayList<>();
        long count = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(ENGAGEMENTS)) {
                s.setFetchSize(10_000);
                s.setInt(1, maxItemsPerUser);
                try (ResultSet rows = s.executeQuery()) {
                    UUID user = null;
                    int[] current = new int[16];
                    int size = 0;
                    while (rows.next()) {
                        UUID rowUser = rows.getObject(1, UUID.class);
                        if (!rowUser.equals(user)) {
                            if (size > 0) {
                                byUser.add(Arrays.copyOf(current, size));
                            }
                            user = rowUser;
                            size = 0;
                        }
                        UUID item = rows.getObject(2, UUID.class);
                        Integer i = index.get(item);
                        if (i == null) {
                            i = items.size();
                            index.put(item, i);
                            items.add(item);
                        }
                        if (size == current.length) {
                            current = Arrays.copyOf(current, size * 2);
                        }
                        current[size++] = i;
                        count++;
                    }
                    if (size > 0) {
                        byUser.add(Arrays.copyOf(current, size));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not read the engagements: " + e.getMessage(), e);
        }
        return new Engagements(items, byUser.toArray(int[][]::new), count);
    }

    /** Replaces the whole model in one transaction: readers see the old one until it commits. */
    public void replace(List<UUID> items, int[] from, int[] to, double[] similarity, int length, ModelSummary summary) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("delete from item_neighbour")) {
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(INSERT_NEIGHBOURS)) {
                    for (int start = 0; start < length; start += WRITE_CHUNK) {
                        int end = Math.min(length, start + WRITE_CHUNK);
                        List<UUID> sources = new ArrayList<>(end - start), targets = new ArrayList<>(end - start);
                        List<Double> values = new ArrayList<>(end - start);
                        for (int k = start; k < end; k++) {
                            sources.add(items.get(from[k]));
                            targets.add(items.get(to[k]));
                            values.add(similarity[k]);
                        }
                        SqlArrays.uuids(s, 1, sources);
                        SqlArrays.uuids(s, 2, targets);
                        SqlArrays.numbers(s, 3, values);
                        s.executeUpdate();
                    }
                }
                try (PreparedStatement s = c.prepareStatement(UPSERT_MODEL)) {
                    s.setTimestamp(1, Timestamp.from(summary.trainedAt()));
                    s.setInt(2, summary.users());
                    s.setInt(3, summary.items());
                    s.setLong(4, summary.engagements());
                    s.setLong(5, summary.neighbours());
                    s.setLong(6, summary.durationMs());
                    s.setLong(7, summary.memoryBytes());
                    s.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not store the item-to-item model: " + e.getMessage(), e);
        }
    }

    public Optional<ModelSummary> model() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(MODEL);
             ResultSet rows = s.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new ModelSummary(rows.getTimestamp(1).toInstant(), rows.getInt(2), rows.getInt(3),
                    rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getLong(7)));
        } catch (SQLException e) {
            throw new PersistenceException("could not read the item-to-item model: " + e.getMessage(), e);
        }
    }
}
