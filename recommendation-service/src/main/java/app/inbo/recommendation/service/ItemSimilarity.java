package app.inbo.recommendation.service;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Item-to-item collaborative filtering (item-kNN) over implicit feedback: who engaged with which item. The
 * similarity of items i and j is the cosine of their user vectors, each user weighted by
 * {@code 1 / ln(e + items of the user)} (a reader of everything says little about any two items), shrunk towards 0
 * when few users support it ({@code × common / (common + shrinkage)}). Each item keeps its {@code neighbours} most
 * similar items with at least {@code minCommonUsers} users in common.
 * <p>
 * Time is the sum over users of (items per user)², which the caller bounds by keeping each user's most recent
 * items only; memory is two int arrays of the engagements plus three arrays of the item count. Items are
 * independent of each other, so the work splits by item (across threads or machines) over the same input.
 */
public final class ItemSimilarity {

    public record Settings(int neighbours, int minCommonUsers, double shrinkage) {
    }

    /** The model: row k says item {@code to[k]} is a neighbour of {@code from[k]}; each item's rows best first. */
    public record Neighbours(int[] from, int[] to, double[] similarity, int size) {
    }

    private ItemSimilarity() {
    }

    /**
     * @param itemsByUser per user, the distinct indices (0 .. itemCount-1) of the items the user engaged with
     */
    public static Neighbours compute(int[][] itemsByUser, int itemCount, Settings settings) {
        double[] userWeight = new double[itemsByUser.length];
        int[] usersPerItem = new int[itemCount];
        for (int u = 0; u < itemsByUser.length; u++) {
            userWeight[u] = 1 / Math.log(Math.E + itemsByUser[u].length);
            for (int item : itemsByUser[u]) {
                usersPerItem[item]++;
            }
        }
        int[][] usersByItem = new int[itemCount][];
        for (int i = 0; i < itemCount; i++) {
            usersByItem[i] = new int[usersPerItem[i]];
        }
        int[] filled = new int[itemCount];
        double[] norm = new double[itemCount];
        for (int u = 0; u < itemsByUser.length; u++) {
            for (int item : itemsByUser[u]) {
                usersByItem[item][filled[item]++] = u;
                norm[item] += userWeight[u] * userWeight[u];
            }
        }
        int capacity = 1024;
        int[] from = new int[capacity];
        int[] to = new int[capacity];
        double[] values = new double[capacity];
        int size = 0;
        double[] dot = new double[itemCount];
        int[] common = new int[itemCount];
        int[] touched = new int[itemCount];
        for (int i = 0; i < itemCount; i++) {
            int touchedCount = 0;
            for (int u : usersByItem[i]) {
                double w = userWeight[u] * userWeight[u];
                for (int j : itemsByUser[u]) {
                    if (j == i) {
                        continue;
                    }
                    if (common[j] == 0) {
                        touched[touchedCount++] = j;
                    }
                    common[j]++;
                    dot[j] += w;
                }
            }
            PriorityQueue<double[]> best = new PriorityQueue<>(settings.neighbours() + 1,
                    (a, b) -> a[1] != b[1] ? Double.compare(a[1], b[1]) : Double.compare(b[0], a[0]));
            for (int t = 0; t < touchedCount; t++) {
                int j = touched[t];
                if (common[j] >= settings.minCommonUsers()) {
                    double similarity = dot[j] / Math.sqrt(norm[i] * norm[j])
                            * common[j] / (common[j] + settings.shrinkage());
                    best.add(new double[]{j, similarity});
                    if (best.size() > settings.neighbours()) {
                        best.poll();
                    }
                }
                dot[j] = 0;
                common[j] = 0;
            }
            int n = best.size();
            if (size + n > capacity) {
                capacity = Math.max(size + n, capacity * 2);
                from = Arrays.copyOf(from, capacity);
                to = Arrays.copyOf(to, capacity);
                values = Arrays.copyOf(values, capacity);
            }
            for (int k = size + n - 1; k >= size; k--) {
                double[] worst = best.poll();
                from[k] = i;
                to[k] = (int) worst[0];
                values[k] = worst[1];
            }
            size += n;
        }
        return new Neighbours(from, to, values, size);
    }

    /** The bytes {@link #compute} holds for its input and working arrays, and the model it returns. */
    public static long memoryBytes(long engagements, int users, int items, int rows) {
        return engagements * 4 * 2 + (long) users * (8 + 16) + (long) items * (4 * 4 + 8 * 2 + 16)
                + (long) rows * (4 + 4 + 8);
    }
}
