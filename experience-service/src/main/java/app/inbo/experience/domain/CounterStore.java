package app.inbo.experience.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The database side of the popularity counters: the record ({@code item_count}, fed by per-transaction deltas),
 * the backup of the Redis values ({@code counter_snapshot}), and the reconciliation reports. Every method is one
 * statement whatever the number of items.
 */
@ApplicationScoped
public class CounterStore {

    /** One counter of one item. */
    public record Key(UUID itemId, ItemCounter counter) {
    }

    /** The last accepted Redis value of a counter, and the rate it grew at before. */
    public record Snapshot(long value, Instant takenAt, double ratePerSecond) {
    }

    @Inject
    EntityManager em;

    /** Adds the counts of the interactions being stored, in their transaction (one row per item and counter). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendDeltas(Map<Key, Long> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        session().createNativeMutationQuery("insert into item_count_delta (item_id, counter, delta) "
                        + "select * from unnest(cast(:items as uuid[]), cast(:counters as text[]), cast(:deltas as bigint[]))")
                .setParameter("items", array(deltas.keySet(), key -> key.itemId().toString()))
                .setParameter("counters", array(deltas.keySet(), key -> key.counter().counterName()))
                .setParameter("deltas", array(deltas.keySet(), key -> Long.toString(deltas.get(key))))
                .executeUpdate();
    }

    /** Folds the committed deltas into the record; returns how many delta rows were folded. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int fold() {
        Object folded = em.createNativeQuery("""
                with folded as (delete from item_count_delta returning item_id, counter, delta),
                     summed as (insert into item_count as c (item_id, counter, value)
                                select item_id, counter, sum(delta) from folded group by item_id, counter
                                on conflict (item_id, counter) do update set value = c.value + excluded.value)
                select count(*) from folded""").getSingleResult();
        return ((Number) folded).intValue();
    }

    /** Every counter the record holds (after {@link #fold()}, the exact counts of the stored interactions). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Key, Long> record() {
        Map<Key, Long> record = new HashMap<>();
        for (Object row : em.createNativeQuery("select cast(item_id as text), counter, value from item_count")
                .getResultList()) {
            Object[] c = (Object[]) row;
            record.put(key(c[0], c[1]), ((Number) c[2]).longValue());
        }
        return record;
    }

    /** Counters with deltas not folded yet (new items since the last fold). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Key> pendingKeys() {
        return em.createNativeQuery("select distinct cast(item_id as text), counter from item_count_delta")
                .getResultList().stream().map(row -> key(((Object[]) row)[0], ((Object[]) row)[1])).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Key, Snapshot> snapshots() {
        Map<Key, Snapshot> snapshots = new HashMap<>();
        for (Object row : em.createNativeQuery("select cast(item_id as text), counter, value, taken_at, rate_per_second "
                + "from counter_snapshot").getResultList()) {
            Object[] c = (Object[]) row;
            snapshots.put(key(c[0], c[1]), new Snapshot(((Number) c[2]).longValue(), CatalogRepository.instant(c[3]),
                    ((Number) c[4]).doubleValue()));
        }
        return snapshots;
    }

    /** Stores the given snapshots (insert or replace). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void saveSnapshots(Map<Key, Snapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return;
        }
        session().createNativeMutationQuery("""
                        insert into counter_snapshot as s (item_id, counter, value, taken_at, rate_per_second)
                        select * from unnest(cast(:items as uuid[]), cast(:counters as text[]), cast(:values as bigint[]),
                                             cast(:taken as timestamptz[]), cast(:rates as float8[]))
                        on conflict (item_id, counter) do update set value = excluded.value, taken_at = excluded.taken_at,
                            rate_per_second = excluded.rate_per_second""")
                .setParameter("items", array(snapshots.keySet(), key -> key.itemId().toString()))
                .setParameter("counters", array(snapshots.keySet(), key -> key.counter().counterName()))
                .setParameter("values", array(snapshots.keySet(), key -> Long.toString(snapshots.get(key).value())))
                .setParameter("taken", array(snapshots.keySet(),
                        key -> '"' + snapshots.get(key).takenAt().atOffset(ZoneOffset.UTC).toString() + '"'))
                .setParameter("rates", array(snapshots.keySet(), key -> Double.toString(snapshots.get(key).ratePerSecond())))
                .executeUpdate();
    }

    /** Takes the job lock of the counter jobs for this transaction; false when another instance holds it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryJobLock() {
        return (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext('experience.counter-jobs'))")
                .getSingleResult();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void saveReport(UUID id, Instant startedAt, Instant finishedAt, String trigger, String reportJson) {
        session().createNativeMutationQuery("insert into counter_reconciliation (id, started_at, finished_at, trigger, "
                        + "report) values (:id, :started, :finished, :trigger, cast(:report as jsonb))")
                .setParameter("id", id)
                .setParameter("started", startedAt.atOffset(ZoneOffset.UTC))
                .setParameter("finished", finishedAt.atOffset(ZoneOffset.UTC))
                .setParameter("trigger", trigger)
                .setParameter("report", reportJson)
                .executeUpdate();
    }

    /** The latest reports, newest first, as stored (JSON). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> latestReports(int limit) {
        return em.createNativeQuery("select cast(report as text) from counter_reconciliation "
                        + "order by started_at desc").setMaxResults(limit).getResultList().stream()
                .map(String.class::cast).toList();
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

    private static Key key(Object itemId, Object counter) {
        return new Key(UUID.fromString((String) itemId), ItemCounter.ofName((String) counter));
    }

    private static <T> String array(Collection<T> values, java.util.function.Function<T, String> element) {
        return values.stream().map(element).collect(Collectors.joining(",", "{", "}"));
    }
}
