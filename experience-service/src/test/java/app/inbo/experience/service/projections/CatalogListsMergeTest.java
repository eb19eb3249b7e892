package app.inbo.experience.service.projections;

import app.inbo.contracts.events.ItemType;
import app.inbo.experience.domain.CatalogEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-category lists merged give what sorting all of them and dropping repeats gives. */
class CatalogListsMergeTest {

    private static CatalogEntry item(UUID id, Instant createdAt, Instant latestPostAt) {
        return new CatalogEntry(id, ItemType.NEWSLETTER, "t", null, null, null, Set.of(), List.of(), createdAt,
                latestPostAt);
    }

    @Test
    void mergedListsAreTheNewestDistinctItems() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<CatalogEntry> pool = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                // few distinct times (ties broken by id), some unknown ones (last), some with both times
                Instant created = random.nextInt(5) == 0 ? null : Instant.ofEpochSecond(random.nextInt(15));
                Instant latest = random.nextBoolean() ? Instant.ofEpochSecond(random.nextInt(15)) : null;
                pool.add(item(new UUID(random.nextLong(), random.nextLong()), created, latest));
            }
            List<List<CatalogEntry>> lists = new ArrayList<>();
            int listCount = 1 + random.nextInt(4);
            for (int l = 0; l < listCount; l++) {
                List<CatalogEntry> list = new ArrayList<>();
                for (CatalogEntry entry : pool) {
                    if (random.nextInt(3) == 0) {
                        list.add(entry); // an item may be in several lists
                    }
                }
                list.sort(CatalogLists.NEWEST_FIRST);
                lists.add(list);
            }
            int limit = 1 + random.nextInt(30);

            List<CatalogEntry> all = new ArrayList<>();
            lists.forEach(all::addAll);
            all.sort(CatalogLists.NEWEST_FIRST);
            Set<UUID> seen = new HashSet<>();
            List<CatalogEntry> expected = all.stream().filter(e -> seen.add(e.id())).limit(limit).toList();

            assertEquals(expected, CatalogLists.mergeNewest(lists, limit), "round " + round);
        }
    }

    /** As the catalog copy's queries order: by the later of creation and latest post, unknown last. */
    @Test
    void theLaterOfCreationAndLatestPostOrders() {
        CatalogEntry oldButPosted = item(new UUID(0, 1), Instant.ofEpochSecond(100), Instant.ofEpochSecond(300));
        CatalogEntry recentlyCreated = item(new UUID(0, 2), Instant.ofEpochSecond(200), null);
        CatalogEntry postOnly = item(new UUID(0, 3), null, Instant.ofEpochSecond(250));
        CatalogEntry postedBeforeCreation = item(new UUID(0, 4), Instant.ofEpochSecond(150), Instant.ofEpochSecond(50));
        CatalogEntry unknown = item(new UUID(0, 5), null, null);
        assertEquals(Instant.ofEpochSecond(300), oldButPosted.recency());
        assertEquals(Instant.ofEpochSecond(150), postedBeforeCreation.recency());
        List<CatalogEntry> sorted = new ArrayList<>(List.of(unknown, postedBeforeCreation, recentlyCreated, postOnly,
                oldButPosted));
        sorted.sort(CatalogLists.NEWEST_FIRST);
        assertEquals(List.of(oldButPosted, postOnly, recentlyCreated, postedBeforeCreation, unknown), sorted);
    }

    @Test
    void noListsMergeToNothing() {
        assertEquals(List.of(), CatalogLists.mergeNewest(List.of(), 10));
        assertEquals(List.of(), CatalogLists.mergeNewest(List.of(List.of(), List.of()), 10));
    }
}
