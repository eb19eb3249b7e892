package app.inbo.experience.service.projections;

import app.inbo.experience.config.ExperienceConfig;
import app.inbo.experience.domain.CatalogEntry;
import app.inbo.experience.domain.CatalogRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The catalog reads every home page needs — the newest live items, the newest per category, and items by id (the
 * trending board's are the same for every user) — held in memory for {@code inbo.experience.home.catalog-lists-ttl}:
 * they change only with the catalog, so a page does not read them from the database each time. A catalog event applied by this instance
 * invalidates them after its commit ({@link #invalidate()}); a list read while an invalidation happens is not kept.
 * The items of several categories are merged from the per-category lists, which gives exactly the newest
 * {@code limit} items filed under any of them.
 */
@ApplicationScoped
public class CatalogLists {

    /**
     * The catalog copy's recency order, as its queries sort: the later of creation and latest post newest first,
     * unknown last, then id in PostgreSQL's uuid order (byte-wise, which is the order of the lower-case text form).
     */
    static final Comparator<CatalogEntry> NEWEST_FIRST = Comparator
            .comparing(CatalogEntry::recency, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(entry -> entry.id().toString());

    private record Held(List<CatalogEntry> items, long generation, long loadedAtNanos) {
    }

    @Inject
    CatalogRepository catalog;

    @Inject
    ExperienceConfig config;

    private final AtomicLong generation = new AtomicLong();
    private volatile Held newest;
    private final Map<UUID, Held> byCategory = new ConcurrentHashMap<>();
    private final Map<UUID, HeldEntry> byId = new ConcurrentHashMap<>();

    /** An item by id, or its absence (unknown or deleted), as read at {@code loadedAtNanos}. */
    private record HeldEntry(CatalogEntry entry, long generation, long loadedAtNanos) {
    }

    /** The newest {@code limit} live items (limit up to the configured candidate pool). */
    public List<CatalogEntry> newest(int limit) {
        Held held = newest;
        if (!fresh(held)) {
            held = load(() -> catalog.newest(config.home().candidatePool()));
            newest = held;
        }
        return head(held.items(), limit);
    }

    /**
     * The newest {@code limit} live items filed under any of {@code categoryIds}: the per-category lists (each
     * newest first) merged, an item filed under several categories taken once.
     */
    public List<CatalogEntry> newestInCategories(Collection<UUID> categoryIds, int limit) {
        List<List<CatalogEntry>> lists = new ArrayList<>();
        for (UUID category : new HashSet<>(categoryIds)) {
            Held held = byCategory.get(category);
            if (!fresh(held)) {
                held = load(() -> catalog.newestInCategories(List.of(category), config.home().candidatePool()));
                byCategory.put(category, held);
            }
            lists.add(held.items());
        }
        return mergeNewest(lists, limit);
    }

    /**
     * Lists each ordered {@link #NEWEST_FIRST} merged into the newest {@code limit} distinct items (an item in
     * several lists is taken once): a comparison per list and item taken, not a sort of everything.
     */
    static List<CatalogEntry> mergeNewest(List<List<CatalogEntry>> lists, int limit) {
        int[] next = new int[lists.size()];
        Set<UUID> seen = new HashSet<>();
        List<CatalogEntry> merged = new ArrayList<>();
        while (merged.size() < limit) {
            int from = -1;
            for (int i = 0; i < lists.size(); i++) {
                if (next[i] < lists.get(i).size() && (from < 0
                        || NEWEST_FIRST.compare(lists.get(i).get(next[i]), lists.get(from).get(next[from])) < 0)) {
                    from = i;
                }
            }
            if (from < 0) {
                break;
            }
            CatalogEntry entry = lists.get(from).get(next[from]++);
            if (seen.add(entry.id())) {
                merged.add(entry);
            }
        }
        return merged;
    }

    /**
     * The live items among {@code ids} (unknown and deleted ones are absent); those not held are read with one
     * statement. At most {@code candidate-pool} x 20 items are held; past that, the oldest reads are dropped.
     */
    public Map<UUID, CatalogEntry> findLive(Collection<UUID> ids) {
        Map<UUID, CatalogEntry> found = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        for (UUID id : ids) {
            HeldEntry held = byId.get(id);
            if (held != null && fresh(held.generation(), held.loadedAtNanos())) {
                if (held.entry() != null) {
                    found.put(id, held.entry());
                }
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            long before = generation.get();
            long now = System.nanoTime();
            Map<UUID, CatalogEntry> read = catalog.findLive(missing);
            if (byId.size() + missing.size() > config.home().candidatePool() * 20) {
                byId.values().removeIf(held -> !fresh(held.generation(), held.loadedAtNanos()));
                if (byId.size() + missing.size() > config.home().candidatePool() * 20) {
                    byId.clear();
                }
            }
            for (UUID id : missing) {
                byId.put(id, new HeldEntry(read.get(id), before, now));
            }
            found.putAll(read);
        }
        return found;
    }

    /** Forgets everything held (called after a catalog change commits). */
    public void invalidate() {
        generation.incrementAndGet();
    }

    private Held load(Supplier<List<CatalogEntry>> read) {
        long before = generation.get();
        return new Held(read.get(), before, System.nanoTime());
    }

    private boolean fresh(Held held) {
        return held != null && fresh(held.generation(), held.loadedAtNanos());
    }

    private boolean fresh(long heldGeneration, long loadedAtNanos) {
        return heldGeneration == generation.get()
                && System.nanoTime() - loadedAtNanos < config.home().catalogListsTtl().toNanos();
    }

    private static List<CatalogEntry> head(List<CatalogEntry> items, int limit) {
        return items.size() <= limit ? items : items.subList(0, limit);
    }
}
