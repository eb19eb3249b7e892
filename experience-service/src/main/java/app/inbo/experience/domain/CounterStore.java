package app.inbo.experience.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * A counter as recorded: every committed delta, folded or not; {@code settled} when its latest delta is older
     * than the settle time (no increment of it can still be on its way to Redis).
     */
    public record Recorded(long value, boolean settled) {
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
                with folded as (delete from item_count_delta returning item_id, counter, delta, created_at),
                     summed as (insert into item_count as c (item_id, counter, value, last_delta_at)
                                select item_id, counter, sum(delta), max(created_at) from folded group by item_id, counter
                                on conflict (item_id, counter) do update set value = c.value + excluded.value,
                                    last_delta_at = greatest(c.last_delta_at, excluded.last_delta_at))
                select count(*) from folded""").getSingleResult();
        return ((Number) folded).intValue();
    }

    /** Every counter the record holds, folded or not yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<Key> keys() {
        Set<Key> keys = new HashSet<>();
        for (Object row : em.createNativeQuery("select cast(item_id as text), counter from item_count union "
                + "select distinct cast(item_id as text), counter from item_count_delta").getResultList()) {
            Object[] c = (Object[]) row;
            keys.add(key(c[0], c[1]));
        }
        return keys;
    }

    /**
     * Every counter as recorded at this statement: the folded value plus the deltas committed since the fold, and
     * whether it is settled (its latest delta older than {@code settle}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Key, Recorded> record(Duration settle) {
        Map<Key, Recorded> record = new HashMap<>();
        for (Object row : em.createNativeQuery("""
                        select cast(item_id as text), counter, coalesce(c.value, 0) + coalesce(d.delta, 0),
                               coalesce(greatest(c.last_delta_at, d.last_delta_at), '-infinity')
                                   < clock_timestamp() - make_interval(secs => cast(:settle as float8))
                        from item_count c
                        full join (select item_id, counter, sum(delta) as delta, max(created_at) as last_delta_at
                                   from item_count_delta group by item_id, counter) d using (item_id, counter)""")
                .setParameter("settle", settle.toMillis() / 1000.0)
                .getResultList()) {
            Object[] c = (Object[]) row;
            record.put(key(c[0], c[1]), new Recorded(((Number) c[2]).longValue(), (Boolean) c[3]));
        }
        return record;
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
