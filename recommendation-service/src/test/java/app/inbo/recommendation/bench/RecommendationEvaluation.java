package app.inbo.recommendation.bench;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.events.ReadingProgressRecorded;
import app.inbo.recommendation.service.ItemSimilarity;
import com.fasterxml.jackson.databind.JsonNode;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The offline evaluation of the recommender on simulated readers whose tastes are item-level, not category-level.
 * <p>
 * The world (seeded, the same in every run): {@value #CATEGORIES} categories of {@value #ITEMS_PER_CATEGORY} posts.
 * Every category has a centroid in a {@value #DIMENSIONS}-dimensional taste space; a post sits at its category's
 * centroid plus a personal offset of the same size, and has an appeal (log-normal: a few posts are far more popular).
 * A reader is a mix of 1-3 favourite categories plus a personal offset: two readers of the same categories like
 * different posts. A reader's utility for a post is {@value #TASTE}·(reader·post) + ln(appeal).
 * <p>
 * Behaviour: a reader has a heavy-tailed number of sessions over five weeks. A session shows 20 posts (12 from the
 * whole catalog weighted by appeal, 8 from the favourite categories; the first 10 are posted as impressions); the
 * reader clicks 1-3 of them, drawn by softmax of utility, never a post already clicked, and reads each clicked post
 * to a depth that grows with its utility (100 % = completed).
 * <p>
 * Split by time: the first four weeks are posted to the service as events (clicks, impressions, reading progress,
 * with their simulated times); the posts each reader clicks in the fifth week, and had not clicked before, are held
 * out. Every reader with history and held-out posts asks the service for 10 recommendations; the baselines rank from
 * the same training clicks: most popular (by readers who clicked), and category only (the reader's click share of
 * the post's category, then popularity), both leaving out what the reader clicked. The oracle ranks by the hidden
 * utility itself: no recommender can know more of a reader's taste, so it bounds what any ranking can reach here
 * (what the reader is shown, and so clicks, stays partly chance).
 * <p>
 * Calibration: {@code bench.quality.category-pull} (0.5) makes category only about 1.4× most popular, as a category
 * ranking scored on a real rating dataset (1.53×); 40 posts shown per session and a median of 10 sessions over the
 * five weeks ({@code bench.quality.shown}, {@code bench.quality.sessions}).
 */
final class RecommendationEvaluation {

    static final int CATEGORIES = 20;
    static final int ITEMS_PER_CATEGORY = 100;
    static final int USERS = 1500;
    static final int DIMENSIONS = 16;
    static final double TASTE = 4;
    static final long TRAIN_SECONDS = Duration.ofDays(28).toSeconds();
    static final long TEST_SECONDS = Duration.ofDays(7).toSeconds();
    private static final int K = 10;
    /** How far a reader's taste is drawn to the centroids of their favourite categories (vs their own offset). */
    static final double CATEGORY_PULL = Double.parseDouble(System.getProperty("bench.quality.category-pull", "0.5"));
    /** Posts a session puts before the reader (3/5 from the whole catalog by appeal, 2/5 from favourite categories). */
    static final int SHOWN = Integer.getInteger("bench.quality.shown", 40);
    /** The median reader's sessions over the five weeks (log-normal, σ 0.8, at most 40). */
    static final double MEDIAN_SESSIONS = Double.parseDouble(System.getProperty("bench.quality.sessions", "10"));

    record Item(UUID id, int category, String title, double[] factors, double logAppeal) {
    }

    /** What one reader did in one session: a click (with reading depth) or an impression. */
    record Act(int user, int item, long at, boolean click, int progress) {
    }

    /** The simulated catalog and readers, with each reader's hidden taste (for the oracle ranking). */
    record World(List<Item> items, List<UUID> users, List<double[]> tastes, List<Act> acts) {
    }

    private RecommendationEvaluation() {
    }

    /** The simulated world; the same for the same seed. */
    static World simulate(long seed) {
        Random random = new Random(seed);
        double[][] centroids = new double[CATEGORIES][];
        for (int c = 0; c < CATEGORIES; c++) {
            centroids[c] = gaussian(random, 1);
        }
        List<Item> items = new ArrayList<>();
        for (int c = 0; c < CATEGORIES; c++) {
            for (int p = 0; p < ITEMS_PER_CATEGORY; p++) {
                double[] offset = gaussian(random, 2);
                double[] factors = new double[DIMENSIONS];
                for (int d = 0; d < DIMENSIONS; d++) {
                    factors[d] = centroids[c][d] + offset[d];
                }
                items.add(new Item(UUID.nameUUIDFromBytes(("eval-post-" + c + "-" + p).getBytes()), c,
                        "topic " + c + " post " + p, factors, random.nextGaussian()));
            }
        }
        double[] exposure = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            exposure[i] = Math.exp(0.7 * items.get(i).logAppeal()) + (i > 0 ? exposure[i - 1] : 0);
        }
        List<UUID> users = new ArrayList<>();
        List<double[]> tastes = new ArrayList<>();
        List<Act> acts = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            users.add(new UUID(0x5eed, u));
            int favourites = 1 + random.nextInt(3);
            List<Integer> favouriteCategories = new ArrayList<>();
            double[] taste = gaussian(random, 2);
            tastes.add(taste);
            while (favouriteCategories.size() < favourites) {
                int c = random.nextInt(CATEGORIES);
                if (!favouriteCategories.contains(c)) {
                    favouriteCategories.add(c);
                    double share = 1.0 / favourites;
                    for (int d = 0; d < DIMENSIONS; d++) {
                        taste[d] += share * centroids[c][d] * CATEGORY_PULL;
                    }
                }
            }
            int sessions = Math.min(40, 1 + (int) Math.round(Math.exp(Math.log(MEDIAN_SESSIONS) + 0.8 * random.nextGaussian())));
            long[] times = new long[sessions];
            for (int s = 0; s < sessions; s++) {
                times[s] = (long) (random.nextDouble() * (TRAIN_SECONDS + TEST_SECONDS));
            }
            java.util.Arrays.sort(times);
            Set<Integer> clicked = new HashSet<>();
            for (long at : times) {
                Set<Integer> shown = new LinkedHashSet<>();
                for (int attempt = 0; shown.size() < SHOWN; attempt++) {
                    // a reader who clicked through their categories sees the rest of the catalog instead
                    boolean fromFavourites = shown.size() >= SHOWN * 3 / 5 && attempt < 20 * SHOWN;
                    int item = fromFavourites
                            ? favouriteCategories.get(random.nextInt(favourites)) * ITEMS_PER_CATEGORY
                            + random.nextInt(ITEMS_PER_CATEGORY)
                            : sample(exposure, random);
                    if (!clicked.contains(item)) {
                        shown.add(item);
                    }
                }
                List<Integer> screen = new ArrayList<>(shown);
                for (int k = 0; k < 10; k++) {
                    acts.add(new Act(u, screen.get(k), at + k, false, 0));
                }
                int clicks = Math.min(3, 1 + (random.nextDouble() < 0.4 ? 1 : 0) + (random.nextDouble() < 0.2 ? 1 : 0));
                for (int k = 0; k < clicks; k++) {
                    double[] weights = new double[screen.size()];
                    double total = 0;
                    for (int i = 0; i < screen.size(); i++) {
                        total += weights[i] = Math.exp(utility(taste, items.get(screen.get(i))));
                    }
                    double pick = random.nextDouble() * total;
                    int chosen = 0;
                    while (chosen < screen.size() - 1 && (pick -= weights[chosen]) > 0) {
                        chosen++;
                    }
                    int item = screen.remove(chosen);
                    clicked.add(item);
                    double depth = 1 / (1 + Math.exp(-(utility(taste, items.get(item)) - 2))) + 0.2 * random.nextGaussian();
                    int progress = (int) Math.max(5, Math.min(100, Math.round(depth * 110)));
                    acts.add(new Act(u, item, at + 30 + 60L * k, true, progress));
                }
            }
        }
        return new World(items, users, tastes, acts);
    }

    private static double utility(double[] taste, Item item) {
        double dot = 0;
        for (int d = 0; d < DIMENSIONS; d++) {
            dot += taste[d] * item.factors()[d];
        }
        return TASTE * dot + item.logAppeal();
    }

    private static double[] gaussian(Random random, double variance) {
        double[] v = new double[DIMENSIONS];
        double scale = Math.sqrt(variance / DIMENSIONS);
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] = random.nextGaussian() * scale;
        }
        return v;
    }

    private static int sample(double[] cumulative, Random random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0, hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---------------------------------------------------------------- load

    /** Publishes the catalog and the first four weeks, ending now, and waits until the service applied them. */
    static void load(long seed) throws Exception {
        World world = simulate(seed);
        long before = RecommendationBench.count("select count(*) from catalog_item");
        Instant now = Instant.now();
        for (int c = 0; c < CATEGORIES; c++) {
            UUID category = categoryId(c);
            RecommendationBench.send(new CategoryUpserted(category, "topic-" + c, "Topic " + c, 1));
        }
        Random published = new Random(seed + 1);
        for (Item item : world.items()) {
            UUID category = categoryId(item.category());
            RecommendationBench.send(new PostPublished(item.id(), UUID.nameUUIDFromBytes(("eval-letter-" + item.category()).getBytes()),
                    "Letter " + item.category(), item.title(), "summary", "https://example.org/" + item.id(),
                    now.minus(Duration.ofMinutes(published.nextInt(60 * 24 * 60))),
                    List.of(new CategoryRef(category, "topic-" + item.category(), "Topic " + item.category())), 1));
        }
        RecommendationBench.flush();
        RecommendationBench.waitFor(() -> RecommendationBench.count("select count(*) from catalog_item"),
                before + world.items().size(), Duration.ofMinutes(2));
        Instant start = now.minusSeconds(TRAIN_SECONDS);
        long events = RecommendationBench.count("select count(*) from user_event");
        long sent = 0;
        for (Act act : world.acts()) {
            if (act.at() >= TRAIN_SECONDS) {
                continue;
            }
            UUID user = world.users().get(act.user());
            Item item = world.items().get(act.item());
            Instant at = start.plusSeconds(act.at());
            UUID session = new UUID(act.user(), act.at() / 3600);
            RecommendationBench.send(new InteractionRecorded(UUID.randomUUID(), user, item.id(), ItemType.POST,
                    act.click() ? "click" : "view", "for_you", 0, act.click() ? 20_000L : 0L, session.toString(), null,
                    "home", at));
            sent++;
            if (act.click()) {
                RecommendationBench.send(new ReadingProgressRecorded(user, item.id(), ItemType.POST, act.progress(),
                        act.progress() >= 100, at.plusSeconds(20)));
                sent++;
            }
        }
        RecommendationBench.flush();
        long total = sent;
        long t0 = System.nanoTime();
        RecommendationBench.waitFor(() -> RecommendationBench.count("select count(*) from user_event") - events, total,
                Duration.ofMinutes(10));
        System.out.printf(Locale.ROOT, "== evaluation world: %d posts in %d categories, %d readers; %d training events "
                        + "(clicks, impressions, reading progress over 4 weeks) applied %.1f s after the last was sent%n",
                world.items().size(), CATEGORIES, USERS, total, (System.nanoTime() - t0) / 1e9);
    }

    private static UUID categoryId(int c) {
        return UUID.nameUUIDFromBytes(("eval-category-" + c).getBytes());
    }

    // ---------------------------------------------------------------- measure

    /** Scores of one ranking over the evaluated readers. */
    record Scores(String name, int users, double hitRate, double ndcg, double recall, double coverage, double novelty,
                  double completedShare, int minCategories, double meanCategories) {
    }

    /**
     * Waits for an item-to-item model trained after the training events (when {@code waitForModel}), then scores the
     * service's lists and the baselines; prints the table.
     */
    static void measure(long seed, String label, boolean printBaselines) throws Exception {
        World world = simulate(seed);
        Map<Integer, Set<Integer>> trainClicks = new HashMap<>();
        Map<Integer, Set<Integer>> completed = new HashMap<>();
        Map<Integer, Set<Integer>> test = new HashMap<>();
        for (Act act : world.acts()) {
            if (!act.click()) {
                continue;
            }
            if (act.at() < TRAIN_SECONDS) {
                trainClicks.computeIfAbsent(act.user(), u -> new HashSet<>()).add(act.item());
                if (act.progress() >= 100) {
                    completed.computeIfAbsent(act.user(), u -> new HashSet<>()).add(act.item());
                }
            } else {
                test.computeIfAbsent(act.user(), u -> new HashSet<>()).add(act.item());
            }
        }
        test.forEach((user, items) -> items.removeAll(trainClicks.getOrDefault(user, Set.of())));
        List<Integer> evaluated = test.keySet().stream()
                .filter(u -> !test.get(u).isEmpty() && trainClicks.containsKey(u)).sorted().toList();
        int[] readers = new int[world.items().size()];
        trainClicks.values().forEach(items -> items.forEach(i -> readers[i]++));
        List<Integer> byPopularity = new ArrayList<>();
        for (int i = 0; i < readers.length; i++) {
            byPopularity.add(i);
        }
        byPopularity.sort(Comparator.<Integer>comparingInt(i -> -readers[i]).thenComparing(i -> i));
        Map<UUID, Integer> index = new HashMap<>();
        for (int i = 0; i < world.items().size(); i++) {
            index.put(world.items().get(i).id(), i);
        }

        waitForModel();
        long t0 = System.nanoTime();
        Map<Integer, List<Integer>> service = new HashMap<>();
        Map<String, Integer> reasons = new HashMap<>();
        for (int u : evaluated) {
            List<Integer> top = new ArrayList<>();
            JsonNode list = RecommendationBench.get(world.users().get(u), K);
            if (list.hasNonNull("variant")) {
                throw new IllegalStateException("an A/B experiment ranks this reader (" + list.get("variant")
                        + "): the evaluation measures one ranking for everyone");
            }
            for (JsonNode item : list.get("items")) {
                Integer i = index.get(UUID.fromString(item.get("id").asText()));
                top.add(i == null ? -1 : i);
                reasons.merge(item.get("reason").asText(), 1, Integer::sum);
            }
            service.put(u, top);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        List<Scores> table = new ArrayList<>();
        if (printBaselines) {
            table.add(score("most popular (unseen)", evaluated, u -> byPopularity.stream()
                    .filter(i -> !trainClicks.get(u).contains(i)).limit(K).toList(), test, completed, readers, world));
            table.add(score("category only", evaluated, u -> categoryOnly(u, trainClicks, byPopularity, world), test,
                    completed, readers, world));
            table.add(score("oracle (the readers' hidden utility)", evaluated, u -> byPopularity.stream()
                    .filter(i -> !trainClicks.get(u).contains(i))
                    .sorted(Comparator.comparingDouble((Integer i) -> -utility(world.tastes().get(u), world.items().get(i))))
                    .limit(K).toList(), test, completed, readers, world));
        }
        table.add(score("service: " + label, evaluated, service::get, test, completed, readers, world));
        System.out.printf(Locale.ROOT, "== %d readers evaluated (history in weeks 1-4, new clicks in week 5); service "
                + "lists fetched in %.1f s%n", evaluated.size(), seconds);
        System.out.printf(Locale.ROOT, "%-38s | %7s | %7s | %9s | %8s | %7s | %10s | %s%n", "ranking", "HR@10",
                "nDCG@10", "recall@10", "coverage", "novelty", "completed", "categories per top 10 (min / mean)");
        for (Scores s : table) {
            System.out.printf(Locale.ROOT, "%-38s | %7.3f | %7.4f | %9.4f | %7.1f%% | %7.2f | %9.2f%% | %d / %.1f%n",
                    s.name(), s.hitRate(), s.ndcg(), s.recall(), 100 * s.coverage(), s.novelty(),
                    100 * s.completedShare(), s.minCategories(), s.meanCategories());
        }
        Map<String, Integer> sortedReasons = new java.util.TreeMap<>(reasons);
        System.out.println("   reasons in the service's lists: " + sortedReasons);
    }

    private static List<Integer> categoryOnly(int user, Map<Integer, Set<Integer>> trainClicks, List<Integer> byPopularity,
                                              World world) {
        Map<Integer, Integer> share = new HashMap<>();
        trainClicks.get(user).forEach(i -> share.merge(world.items().get(i).category(), 1, Integer::sum));
        return byPopularity.stream().filter(i -> !trainClicks.get(user).contains(i))
                .sorted(Comparator.<Integer>comparingInt(i -> -share.getOrDefault(world.items().get(i).category(), 0)))
                .limit(K).toList();
    }

    private static Scores score(String name, List<Integer> users, Function<Integer, List<Integer>> ranking,
                                Map<Integer, Set<Integer>> test, Map<Integer, Set<Integer>> completed, int[] readers,
                                World world) {
        double hits = 0, ndcg = 0, recall = 0, novelty = 0, completedShown = 0, shown = 0, categories = 0;
        int minCategories = Integer.MAX_VALUE;
        Set<Integer> covered = new HashSet<>();
        for (int u : users) {
            List<Integer> top = ranking.apply(u);
            Set<Integer> relevant = test.get(u);
            double dcg = 0, ideal = 0;
            int found = 0;
            Set<Integer> topCategories = new HashSet<>();
            for (int k = 0; k < top.size(); k++) {
                int item = top.get(k);
                if (relevant.contains(item)) {
                    dcg += 1 / log2(k + 2);
                    found++;
                }
                if (item >= 0) {
                    covered.add(item);
                    topCategories.add(world.items().get(item).category());
                    novelty += -log2((readers[item] + 1.0) / (users.size() + 1.0));
                    completedShown += completed.getOrDefault(u, Set.of()).contains(item) ? 1 : 0;
                }
                shown++;
            }
            for (int k = 0; k < Math.min(K, relevant.size()); k++) {
                ideal += 1 / log2(k + 2);
            }
            hits += found > 0 ? 1 : 0;
            ndcg += dcg / ideal;
            recall += (double) found / relevant.size();
            categories += topCategories.size();
            minCategories = Math.min(minCategories, topCategories.size());
        }
        int n = users.size();
        return new Scores(name, n, hits / n, ndcg / n, recall / n, covered.size() / (double) world.items().size(),
                novelty / Math.max(1, shown), completedShown / Math.max(1, shown), minCategories, categories / n);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** The service trains its item-to-item model on a schedule: wait for one trained after the training events. */
    private static void waitForModel() throws Exception {
        long applied = RecommendationBench.count(
                "select coalesce(extract(epoch from max(recorded_at)) * 1000, 0)::bigint from user_event");
        RecommendationBench.waitFor(() -> RecommendationBench.count(
                "select coalesce(max(extract(epoch from trained_at) * 1000), 0)::bigint from item_similarity_model"),
                applied + 1, Duration.ofMinutes(5));
        try (PreparedStatement s = RecommendationBench.polling().prepareStatement(
                "select users, items, engagements, neighbours, duration_ms, memory_bytes from item_similarity_model");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            System.out.printf(Locale.ROOT, "   item-to-item model: %d readers, %d posts, %d engagements -> %d neighbour "
                            + "rows; trained in %d ms holding %.1f MiB%n", rows.getInt(1), rows.getInt(2), rows.getLong(3),
                    rows.getLong(4), rows.getLong(5), rows.getLong(6) / 1048576.0);
        }
    }

    // ---------------------------------------------------------------- training at scale

    /**
     * Times the item-to-item training ({@link ItemSimilarity}) in this JVM on synthetic histories of growing size:
     * readers with a heavy-tailed number of engaged posts (capped as the service caps them), posts drawn with a
     * popularity skew. Prints time, the memory the training holds, and neighbour rows per size.
     */
    static void trainingScale(int[] readers, int posts, int maxItemsPerUser) {
        System.out.println("== item-to-item training at scale (" + posts + " posts, at most " + maxItemsPerUser
                + " items per reader, 30 neighbours)");
        for (int users : readers) {
            Random random = new Random(users);
            double[] cumulative = new double[posts];
            for (int i = 0; i < posts; i++) {
                cumulative[i] = Math.exp(random.nextGaussian()) + (i > 0 ? cumulative[i - 1] : 0);
            }
            int[][] itemsByUser = new int[users][];
            long engagements = 0;
            for (int u = 0; u < users; u++) {
                int n = (int) Math.min(maxItemsPerUser, Math.max(1, Math.round(Math.exp(2.5 + random.nextGaussian()))));
                itemsByUser[u] = random.ints(n * 2L, 0, 1).map(x -> sample(cumulative, random)).distinct().limit(n).toArray();
                engagements += itemsByUser[u].length;
            }
            long start = System.nanoTime();
            ItemSimilarity.Neighbours model = ItemSimilarity.compute(itemsByUser, posts,
                    new ItemSimilarity.Settings(30, 2, 5));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "   %,9d readers, %,11d engagements: %6.2f s, %7.1f MiB held, %,10d neighbour rows%n",
                    users, engagements, seconds,
                    ItemSimilarity.memoryBytes(engagements, users, posts, model.from().length) / 1048576.0, model.size());
        }
    }
}
