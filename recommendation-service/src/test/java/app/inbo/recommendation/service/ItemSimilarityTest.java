package app.inbo.recommendation.service;

import app.inbo.recommendation.domain.ItemNeighbourStore.Neighbour;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The item-kNN training and the per-user suggestion, on small hand-made histories. */
class ItemSimilarityTest {

    private static final ItemSimilarity.Settings SETTINGS = new ItemSimilarity.Settings(3, 1, 0);

    @Test
    void itemsReadByTheSameUsersAreNeighboursAndTheCosineIsExact() {
        // items 0 and 1 are always read together; 2 with 0 once; 3 by a user of its own
        int[][] users = {{0, 1}, {0, 1}, {0, 1, 2}, {3}};
        Map<Integer, Map<Integer, Double>> model = asMap(ItemSimilarity.compute(users, 4, SETTINGS));
        double w2 = weight(2), w3 = weight(3);
        double expected01 = (2 * w2 * w2 + w3 * w3) / Math.sqrt((2 * w2 * w2 + w3 * w3) * (2 * w2 * w2 + w3 * w3));
        assertEquals(expected01, model.get(0).get(1), 1e-12, "0 and 1 have the same readers: cosine 1");
        assertEquals(w3 * w3 / Math.sqrt((2 * w2 * w2 + w3 * w3) * (w3 * w3)), model.get(2).get(0), 1e-12);
        assertTrue(model.get(0).get(1) > model.get(0).get(2), "the item read with 0 more often is more similar");
        assertTrue(!model.containsKey(3), "an item nobody else read has no neighbours");
        assertEquals(model.get(0).get(2), model.get(2).get(0), 1e-12, "symmetric");
    }

    @Test
    void shrinkageAndMinimumSupportDiscountPairsFewUsersShare() {
        int[][] users = {{0, 1}, {0, 1}, {0, 1}, {0, 2}};
        Map<Integer, Map<Integer, Double>> plain = asMap(ItemSimilarity.compute(users, 3, SETTINGS));
        Map<Integer, Map<Integer, Double>> shrunk = asMap(ItemSimilarity.compute(users, 3,
                new ItemSimilarity.Settings(3, 1, 5)));
        assertEquals(plain.get(0).get(2) * 1 / 6.0, shrunk.get(0).get(2), 1e-12);
        assertEquals(plain.get(0).get(1) * 3 / 8.0, shrunk.get(0).get(1), 1e-12);
        Map<Integer, Map<Integer, Double>> supported = asMap(ItemSimilarity.compute(users, 3,
                new ItemSimilarity.Settings(3, 2, 0)));
        assertEquals(Set.of(1), supported.get(0).keySet(), "one common user is below the minimum of 2");
    }

    @Test
    void keepsTheBestNeighboursPerItemBestFirst() {
        Random random = new Random(3);
        int items = 40;
        int[][] users = new int[300][];
        for (int u = 0; u < users.length; u++) {
            users[u] = random.ints(0, items).distinct().limit(1 + random.nextInt(8)).toArray();
        }
        ItemSimilarity.Neighbours top = ItemSimilarity.compute(users, items, new ItemSimilarity.Settings(5, 1, 0));
        ItemSimilarity.Neighbours all = ItemSimilarity.compute(users, items, new ItemSimilarity.Settings(items, 1, 0));
        Map<Integer, Map<Integer, Double>> full = asMap(all);
        for (int k = 0; k < top.size(); k++) {
            int item = top.from()[k];
            List<Double> best = full.get(item).values().stream().sorted((a, b) -> Double.compare(b, a)).toList();
            double fifth = best.get(Math.min(4, best.size() - 1));
            assertTrue(top.similarity()[k] >= fifth - 1e-12, "only the 5 best neighbours are kept");
            if (k > 0 && top.from()[k - 1] == item) {
                assertTrue(top.similarity()[k - 1] >= top.similarity()[k], "best first");
            }
        }
        assertTrue(top.size() <= items * 5);
    }

    @Test
    void suggestionsSumOverTheUsersItemsAndNameTheStrongestSource() {
        UUID read1 = id(1), read2 = id(2), a = id(10), b = id(11), gone = id(12);
        List<Neighbour> rows = List.of(
                new Neighbour(read1, "first", a, 0.5), new Neighbour(read2, "second", a, 0.4),
                new Neighbour(read1, "first", b, 0.8), new Neighbour(read2, "second", gone, 0.9),
                new Neighbour(read1, "first", read2, 0.9));
        Map<UUID, SimilarItems.Similar> suggested = SimilarItems.suggest(Map.of(read1, 1.0, read2, 0.5), rows,
                Set.of(gone), 10);
        assertEquals(List.of(b, a), new ArrayList<>(suggested.keySet()), "0.8 beats 0.5 + 0.5 x 0.4; the user's own and excluded items are left out");
        assertEquals(0.7, suggested.get(a).score(), 1e-12);
        assertEquals(read1, suggested.get(a).becauseId());
        assertEquals("first", suggested.get(b).becauseTitle());
        assertEquals(1, SimilarItems.suggest(Map.of(read1, 1.0, read2, 0.5), rows, Set.of(gone), 1).size());
    }

    private static double weight(int itemsOfUser) {
        return 1 / Math.log(Math.E + itemsOfUser);
    }

    private static Map<Integer, Map<Integer, Double>> asMap(ItemSimilarity.Neighbours model) {
        Map<Integer, Map<Integer, Double>> map = new HashMap<>();
        for (int k = 0; k < model.size(); k++) {
            map.computeIfAbsent(model.from()[k], i -> new HashMap<>()).put(model.to()[k], model.similarity()[k]);
        }
        return map;
    }

    private static UUID id(int n) {
        return new UUID(0, n);
    }
}
