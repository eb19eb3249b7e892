package app.inbo.recommendation.bench;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.EventType;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.events.ReadingProgressRecorded;
import app.inbo.contracts.topics.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark driver behind {@code bench/recommendation.sh}: acts as the reading service (catalog), the
 * experience service (interactions) and app users (HTTP), against a running recommendation service.
 * System properties: bench.kafka, bench.jdbc, bench.urls (comma-separated), bench.key (private key PEM).
 */
public final class RecommendationBench {

    private static final String KAFKA = System.getProperty("bench.kafka");
    private static final String JDBC = System.getProperty("bench.jdbc");
    private static final List<String> URLS = Arrays.asList(System.getProperty("bench.urls", "").split(","));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Random RANDOM = new Random(42);

    private static PrivateKey key;
    private static KafkaProducer<String, String> producer;
    private static final Map<UUID, String> TOKENS = new HashMap<>();

    // the catalog: items per category
    private static final List<UUID> CATEGORIES = new ArrayList<>();
    private static final Map<UUID, List<UUID>> ITEMS_BY_CATEGORY = new HashMap<>();

    private RecommendationBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("training-scale")) {
            RecommendationEvaluation.trainingScale(new int[]{10_000, 40_000, 160_000}, 50_000, 200);
            return;
        }
        key = KeyUtils.decodePrivateKey(java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("bench.key"))));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA,
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 262144), new StringSerializer(), new StringSerializer());
        try {
            switch (args[0]) {
                case "perf" -> perf(Integer.parseInt(args[1]));
                case "throughput" -> throughput(Integer.parseInt(args[1]));
                case "two-instances" -> twoInstances(args[1], Integer.parseInt(args[2]));
                case "quality-load" -> RecommendationEvaluation.load(Long.parseLong(args[1]));
                case "quality-measure" -> RecommendationEvaluation.measure(Long.parseLong(args[1]), args[2],
                        Boolean.parseBoolean(args[3]));
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        } finally {
            producer.close();
        }
    }

    // ---------------------------------------------------------------- perf

    private static void perf(int events) throws Exception {
        List<UUID> users = throughput(events);
        serving(users);
    }

    /** User events/s end to end on a small catalog; returns the users that took part. */
    private static List<UUID> throughput(int events) throws Exception {
        catalog(20, 40);
        // the service has just started: its ingestion code is still interpreted and being compiled (the JIT took
        // ~13 s of CPU in the first 50,000 events). A warm-up load of other users first, as a running service is.
        int warmUp = Integer.getInteger("bench.warmup", 30000);
        if (warmUp > 0) {
            List<UUID> warmUsers = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                warmUsers.add(UUID.randomUUID());
            }
            double[] w = publishAndWait(warmUsers, warmUp);
            System.out.printf(Locale.ROOT, "== warm-up: %d interactions of 3000 other users applied in %.2f s (%.0f/s)%n",
                    warmUp, w[1], warmUp / w[1]);
        }
        System.out.println("== throughput: " + events + " interactions over 5000 users, published in batches (from "
                + java.time.LocalTime.now().withNano(0) + ")");
        List<UUID> users = users(5000);
        Map<String, Long> cpuBefore = cpuMs();
        double[] t = publishAndWait(users, events);
        Map<String, Long> cpuAfter = cpuMs();
        double rate = events / t[1];
        double raw = rawConsumeRate(Topics.INTERACTIONS, events);
        System.out.printf(Locale.ROOT, "published %d in %.2f s; all committed as user events after %.2f s%n", events, t[0], t[1]);
        System.out.printf(Locale.ROOT, "user events/s end to end: %.0f   (baseline: a bare Kafka consumer reads the topic at %.0f records/s; ratio %.2f)%n",
                rate, raw, rate / raw);
        StringBuilder cpu = new StringBuilder("machine CPU per user event in that run:");
        cpuAfter.forEach((name, ms) -> cpu.append(String.format(Locale.ROOT, " %s %.3f ms,", name,
                (ms - cpuBefore.getOrDefault(name, 0L)) / (double) events)));
        System.out.println(cpu.substring(0, cpu.length() - 1));
        return users;
    }

    /**
     * CPU time so far (user + system, ms) of the service (-Dbench.service.pids), the Kafka broker
     * (-Dbench.kafka.pid) and all PostgreSQL processes, read from /proc.
     */
    private static Map<String, Long> cpuMs() throws java.io.IOException {
        Map<String, Long> cpu = new java.util.LinkedHashMap<>();
        long service = 0;
        for (String pid : System.getProperty("bench.service.pids", "").split(",")) {
            service += pid.isBlank() ? 0 : procCpuMs(Long.parseLong(pid.trim()));
        }
        cpu.put("service", service);
        long postgres = 0;
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            if (p.info().command().orElse("").endsWith("/postgres")) {
                postgres += procCpuMs(p.pid());
            }
        }
        cpu.put("PostgreSQL", postgres);
        String kafka = System.getProperty("bench.kafka.pid", "");
        long broker = 0;
        if (!kafka.isBlank()) { // the started process and what it runs
            broker = procCpuMs(Long.parseLong(kafka));
            for (ProcessHandle child : ProcessHandle.of(Long.parseLong(kafka)).map(p -> p.descendants().toList()).orElse(List.of())) {
                broker += procCpuMs(child.pid());
            }
        }
        cpu.put("Kafka broker", broker);
        return cpu;
    }

    private static long procCpuMs(long pid) throws java.io.IOException {
        java.nio.file.Path stat = java.nio.file.Path.of("/proc", Long.toString(pid), "stat");
        if (!java.nio.file.Files.exists(stat)) {
            return 0;
        }
        String line = java.nio.file.Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // after the command: state is field 3, utime 14 and stime 15 (1-based in proc(5)), in clock ticks (100/s)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** Publishes {@code events} interactions of these users at once; returns {publish s, all stored s}. */
    private static double[] publishAndWait(List<UUID> users, int events) throws Exception {
        long before = count("select count(*) from user_event");
        List<String[]> records = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            UUID user = users.get(i % users.size());
            UUID item = randomItem();
            String type = i % 5 == 0 ? "view" : i % 5 == 1 ? "open" : i % 17 == 0 ? "dismiss" : "click";
            records.add(record(new InteractionRecorded(UUID.randomUUID(), user, item, ItemType.POST, type, "for_you",
                    i % 10, 1200L, "s-" + user, UUID.randomUUID(), "home", Instant.now())));
        }
        // Done = the last event of every partition is stored (a partition is applied in order). Polling for those
        // few ids is an index look-up; polling count(*) every few ms cost PostgreSQL a good part of a core.
        Map<Integer, UUID> lastOfPartition = new java.util.concurrent.ConcurrentHashMap<>();
        List<UUID> eventIds = records.stream().map(r -> EventCodec.decode(r[2]).eventId()).toList();
        long t0 = System.nanoTime();
        for (int i = 0; i < records.size(); i++) {
            String[] r = records.get(i);
            UUID eventId = eventIds.get(i);
            producer.send(new ProducerRecord<>(r[0], r[1], r[2]), (metadata, failure) -> {
                if (metadata != null) {
                    lastOfPartition.put(metadata.partition(), eventId); // callbacks of a partition come in send order
                }
            });
        }
        producer.flush();
        double publishS = (System.nanoTime() - t0) / 1e9;
        Object[] lastIds = lastOfPartition.values().toArray();
        waitFor(() -> countIds("select count(*) from user_event where id = any(?)", lastIds), lastIds.length,
                Duration.ofMinutes(5));
        double totalS = (System.nanoTime() - t0) / 1e9;
        long stored = count("select count(*) from user_event") - before;
        if (stored != events) {
            throw new IllegalStateException("the last events are stored but only " + stored + " of " + events);
        }
        return new double[]{publishS, totalS};
    }

    private static void serving(List<UUID> users) throws Exception {
        System.out.println("== serving latency (client side, sequential, HTTP/1.1 keep-alive)");
        List<UUID> sample = users.subList(0, 400);
        List<Double> uncached = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (UUID user : sample.subList(0, 50)) {
            get(user, 10); // warm-up of code paths
            get(URLS.get(0) + "/q/health/live", null);
        }
        for (UUID user : sample.subList(50, 400)) {
            uncached.add(timed(() -> requireCached(get(user, 10), false)));
        }
        for (int round = 0; round < 10; round++) {
            for (UUID user : sample.subList(50, 400)) {
                cached.add(timed(() -> requireCached(get(user, 10), true)));
                baseline.add(timed(() -> get(URLS.get(0) + "/q/health/live", null)));
            }
        }
        report("recommendations, uncached", uncached);
        report("recommendations, cached  ", cached);
        report("baseline GET /q/health/live", baseline);
        System.out.printf(Locale.ROOT, "cached p50 / baseline p50 = %.2f%n", pct(cached, 50) / pct(baseline, 50));

        System.out.println("== click → changed recommendations (publish one click, poll GET every 5 ms)");
        List<Double> loop = new ArrayList<>();
        for (UUID user : users.subList(1000, 1100)) {
            JsonNode before1 = get(user, 10);
            UUID item = ITEMS_BY_CATEGORY.get(CATEGORIES.get(RANDOM.nextInt(CATEGORIES.size()))).get(RANDOM.nextInt(40));
            String[] r = record(new InteractionRecorded(UUID.randomUUID(), user, item, ItemType.POST, "click", "for_you",
                    0, 900L, "s", UUID.randomUUID(), "home", Instant.now()));
            long start = System.nanoTime();
            producer.send(new ProducerRecord<>(r[0], r[1], r[2]));
            producer.flush();
            while (true) {
                JsonNode now = get(user, 10);
                if (!now.get("cached").asBoolean() && !now.get("items").equals(before1.get("items"))) {
                    break;
                }
                if (System.nanoTime() - start > 10e9) {
                    throw new IllegalStateException("recommendations of " + user + " did not change within 10 s");
                }
                pause(5);
            }
            loop.add((System.nanoTime() - start) / 1e6);
        }
        report("click-to-changed-recommendations", loop);

        demoSizedServing();
    }

    /** The share of the users' (cached) top-10 items whose reason is the item-to-item model. */
    private static double similarShare(List<UUID> users) throws Exception {
        long similar = 0, all = 0;
        for (UUID user : users) {
            for (JsonNode item : get(user, 10).get("items")) {
                all++;
                similar += "similar_items".equals(item.get("reason").asText()) ? 1 : 0;
            }
        }
        return all == 0 ? 0 : (double) similar / all;
    }

    // ---------------------------------------------------------------- serving on a demo-sized catalog

    /**
     * Serving latency on a catalog the size of the suite's demo data (30 categories, 2,000 newsletters, 50,000
     * posts), measured right after it was loaded (as after {@code ./suite up}: statistics may lag the bulk load):
     * users with a taste history in it, new users, uncached next to cached.
     */
    private static void demoSizedServing() throws Exception {
        int categories = 30, newsletters = 2_000, posts = 50_000;
        System.out.printf(Locale.ROOT, "== demo-sized catalog: %d categories, %d newsletters, %d posts, through the catalog topic%n",
                categories, newsletters, posts);
        long before = count("select count(*) from catalog_item");
        long t0 = System.nanoTime();
        Map<UUID, List<UUID>> itemsByCategory = demoCatalog(categories, newsletters, posts);
        waitFor(() -> count("select count(*) from catalog_item") - before, newsletters + posts, Duration.ofMinutes(10));
        double loadS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "catalog projection: %d items in %.1f s (%.0f catalog events/s)%n",
                newsletters + posts, loadS, (newsletters + posts + categories) / loadS);

        // taste traffic: each user clicks 15 items of 2 favourite categories (a long-tailed choice within the
        // category, so popularity concentrates), views as many elsewhere, completes one in five clicked items
        List<UUID> users = users(450);
        List<UUID> demoCategories = new ArrayList<>(itemsByCategory.keySet());
        long eventsBefore = count("select count(*) from user_event");
        int sent = 0;
        for (UUID user : users) {
            List<UUID> shuffled = new ArrayList<>(demoCategories);
            Collections.shuffle(shuffled, RANDOM);
            for (int i = 0; i < 15; i++) {
                List<UUID> items = itemsByCategory.get(shuffled.get(i % 2));
                UUID item = items.get((int) (items.size() * Math.pow(RANDOM.nextDouble(), 4)));
                send(new InteractionRecorded(UUID.randomUUID(), user, item, ItemType.POST, "click", "for_you", i, 1500L,
                        "s", null, "home", Instant.now()));
                List<UUID> elsewhere = itemsByCategory.get(shuffled.get(2 + RANDOM.nextInt(shuffled.size() - 2)));
                send(new InteractionRecorded(UUID.randomUUID(), user, elsewhere.get(RANDOM.nextInt(elsewhere.size())),
                        ItemType.POST, "view", "for_you", i, 0L, "s", null, "home", Instant.now()));
                sent += 2;
                if (i % 5 == 0) {
                    send(new ReadingProgressRecorded(user, item, ItemType.POST, 100, true, Instant.now()));
                    sent++;
                }
            }
        }
        producer.flush();
        int total = sent;
        waitFor(() -> count("select count(*) from user_event") - eventsBefore, total, Duration.ofMinutes(5));
        System.out.printf(Locale.ROOT, "taste history: %d events of %d users applied%n", total, users.size());
        // serving reads the item-to-item model's neighbours of the user's items: measure with a model that knows
        // this history (bench/recommendation.sh trains every 20 s in perf), as a production model would
        long historyApplied = count("select (extract(epoch from now()) * 1000)::bigint");
        waitFor(() -> count("select coalesce(max((extract(epoch from trained_at) * 1000)::bigint), 0) "
                + "from item_similarity_model") > historyApplied ? 1 : 0, 1, Duration.ofMinutes(2));
        System.out.printf(Locale.ROOT, "item-to-item model trained on it: %d neighbour rows of %d items%n",
                count("select neighbours from item_similarity_model"), count("select items from item_similarity_model"));

        List<Double> uncached = new ArrayList<>();
        List<Double> cold = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        for (UUID user : users.subList(0, 50)) {
            get(user, 10); // warm-up of code paths and of the new tables' pages
        }
        for (UUID user : users.subList(50, 450)) {
            uncached.add(timed(() -> requireCached(get(user, 10), false)));
        }
        for (UUID user : users(200)) {
            cold.add(timed(() -> requireCached(get(user, 10), false)));
        }
        for (int round = 0; round < 5; round++) {
            for (UUID user : users.subList(50, 450)) {
                cached.add(timed(() -> requireCached(get(user, 10), true)));
            }
        }
        report("demo catalog: uncached, with history", uncached);
        System.out.printf(Locale.ROOT, "   their top 10s: %.0f %% of the items recommended as similar_items "
                + "(half the users are in the shipped experiment's variant that does not weigh the model)%n",
                100.0 * similarShare(users.subList(50, 450)));
        report("demo catalog: uncached, new user", cold);
        report("demo catalog: cached", cached);
    }

    /**
     * Publishes a catalog shaped like the reading service's demo data: every newsletter in one category (a third
     * in a second one too), posts spread unevenly over the newsletters and carrying their categories, newsletters
     * created over 24 months, posts published over 18. Returns the posts of each category.
     */
    private static Map<UUID, List<UUID>> demoCatalog(int categories, int newsletters, int posts) {
        Random seeded = new Random(11);
        Instant now = Instant.now();
        List<CategoryRef> refs = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            CategoryRef ref = new CategoryRef(UUID.nameUUIDFromBytes(("demo-category-" + c).getBytes()), "demo-" + c, "Demo " + c);
            refs.add(ref);
            send(new CategoryUpserted(ref.id(), ref.slug(), ref.name(), 1));
        }
        Map<UUID, List<UUID>> postsByCategory = new LinkedHashMap<>();
        refs.forEach(ref -> postsByCategory.put(ref.id(), new ArrayList<>()));
        double[] weights = new double[newsletters];
        double sum = 0;
        for (int n = 0; n < newsletters; n++) {
            weights[n] = 0.2 + seeded.nextDouble() * seeded.nextDouble() * 3;
            sum += weights[n];
        }
        int postIndex = 0;
        for (int n = 0; n < newsletters; n++) {
            UUID newsletter = UUID.nameUUIDFromBytes(("demo-newsletter-" + n).getBytes());
            int main = seeded.nextInt(categories);
            List<CategoryRef> of = new ArrayList<>(List.of(refs.get(main)));
            if (seeded.nextInt(3) == 0) {
                of.add(refs.get((main + 1 + seeded.nextInt(categories - 1)) % categories));
            }
            int count = n == newsletters - 1 ? posts - postIndex : (int) Math.round(posts * weights[n] / sum);
            count = Math.max(0, Math.min(count, posts - postIndex));
            Instant latest = null;
            for (int p = 0; p < count; p++, postIndex++) {
                UUID post = UUID.nameUUIDFromBytes(("demo-post-" + postIndex).getBytes());
                Instant published = now.minus(Duration.ofMinutes(seeded.nextInt(60 * 24 * 548)));
                latest = latest == null || published.isAfter(latest) ? published : latest;
                send(new PostPublished(post, newsletter, "Demo letter " + n, "Demo post " + postIndex, "summary",
                        "https://example.org/" + post, published, of, 1));
                of.forEach(ref -> postsByCategory.get(ref.id()).add(post));
            }
            Instant created = now.minus(Duration.ofMinutes(seeded.nextInt(60 * 24 * 730)));
            send(new NewsletterUpserted(newsletter, "Demo letter " + n, "description", "https://example.org/" + newsletter,
                    of, created, created, latest, 1));
        }
        producer.flush();
        return postsByCategory;
    }

    // ---------------------------------------------------------------- two instances

    /** Phase {@code publish N}: N interactions over 600 users, keyed by user; prints the expected totals. */
    private static void twoInstances(String phase, int events) throws Exception {
        switch (phase) {
            case "catalog" -> catalog(10, 20);
            case "publish" -> {
                loadCatalog();
                List<UUID> users = users(600);
                long t0 = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    UUID user = users.get(i % users.size());
                    String[] r = record(new InteractionRecorded(UUID.randomUUID(), user, randomItem(), ItemType.POST,
                            "click", "for_you", 0, 1000L, "s", UUID.randomUUID(), "home", Instant.now()));
                    producer.send(new ProducerRecord<>(r[0], r[1], r[2]));
                    if (i % 2000 == 1999) {
                        producer.flush();
                        // a steady stream, so instances stop and start while events flow
                        long due = t0 + (long) ((i + 1) / (double) events * 12e9);
                        long wait = (due - System.nanoTime()) / 1_000_000;
                        if (wait > 0) {
                            pause(wait);
                        }
                    }
                }
                producer.flush();
                System.out.println("published " + events + " interactions");
            }
            case "group" -> group();
            case "verify" -> {
                try {
                    waitFor(() -> count("select count(*) from user_event"), events, Duration.ofMinutes(3));
                } catch (IllegalStateException short_) {
                    System.out.println("NOT ALL APPLIED: " + short_.getMessage());
                }
                System.out.println("records on the dead-letter topic:        " + deadLettered());
                System.out.println("user events stored:                      " + count("select count(*) from user_event"));
                System.out.println("distinct source events:                  " + count("select count(distinct id) from user_event"));
                System.out.println("processed_event rows (user activity):    " + count(
                        "select count(*) from processed_event p join user_event e on e.id = p.event_id where p.consumer = 'recommendation-service'"));
                System.out.println("sum of per-user event counters:          " + count("select coalesce(sum(events), 0) from user_feature"));
                System.out.println("sum of per-(user,item) interactions:     " + count("select coalesce(sum(interactions), 0) from user_item_state"));
                System.out.println("sum of item click counters:              " + count("select coalesce(sum(clicks), 0) from item_feature"));
                boolean exact = count("select coalesce(sum(events), 0) from user_feature") == events
                        && count("select coalesce(sum(clicks), 0) from item_feature") == events
                        && count("select count(*) from user_event") == events;
                System.out.println(exact ? "EXACTLY ONCE IN EFFECT: every counter equals the " + events + " published events"
                        : "MISMATCH: some event was lost or applied twice");
            }
            default -> throw new IllegalArgumentException(phase);
        }
    }

    /** Records parked on the recommendation service's dead-letter topic (end offset of its one partition). */
    private static long deadLettered() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA))) {
            TopicPartition dlt = new TopicPartition(Topics.DEAD_LETTER_RECOMMENDATION, 0);
            return admin.listOffsets(Map.of(dlt, OffsetSpec.latest())).all().get(10, TimeUnit.SECONDS).get(dlt).offset();
        }
    }

    private static void group() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("recommendation-service"))
                    .all().get(10, TimeUnit.SECONDS).get("recommendation-service");
            System.out.println("consumer group recommendation-service: " + group.groupState() + ", " + group.members().size() + " members");
            for (MemberDescription member : group.members()) {
                Map<String, List<Integer>> partitions = new TreeMap<>();
                member.assignment().topicPartitions().forEach(tp ->
                        partitions.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
                partitions.values().forEach(Collections::sort);
                System.out.println("  " + member.clientId() + " @" + member.host() + " → " + partitions);
            }
        }
    }

    // ---------------------------------------------------------------- shared

    private static void catalog(int categories, int perCategory) throws Exception {
        long before = count("select count(*) from catalog_item");
        Random seeded = new Random(7);
        Instant now = Instant.now();
        for (int c = 0; c < categories; c++) {
            UUID category = UUID.nameUUIDFromBytes(("category-" + c).getBytes());
            String slug = "topic-" + c;
            send(new CategoryUpserted(category, slug, "Topic " + c, 1));
            for (int p = 0; p < perCategory; p++) {
                UUID post = UUID.nameUUIDFromBytes(("post-" + c + "-" + p).getBytes());
                send(new PostPublished(post, UUID.nameUUIDFromBytes(("letter-" + c).getBytes()), "Letter " + c,
                        slug + " post " + p, "summary", "https://example.org/" + post,
                        now.minus(Duration.ofMinutes(seeded.nextInt(14 * 24 * 60))),
                        List.of(new CategoryRef(category, slug, "Topic " + c)), 1));
            }
        }
        producer.flush();
        waitFor(() -> count("select count(*) from catalog_item"), Math.max(before, categories * perCategory), Duration.ofMinutes(1));
        loadCatalog();
    }

    /** The same catalog the service holds (ids are derived from names, so every run agrees). */
    private static void loadCatalog() throws SQLException {
        CATEGORIES.clear();
        ITEMS_BY_CATEGORY.clear();
        try (Connection c = DriverManager.getConnection(JDBC, "postgres", "");
             PreparedStatement s = c.prepareStatement("""
                     select ic.category_id, ic.item_id from catalog_item_category ic join catalog_item i on i.id = ic.item_id
                     where not i.deleted order by 1, 2""");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                UUID category = rows.getObject(1, UUID.class);
                UUID item = rows.getObject(2, UUID.class);
                if (!ITEMS_BY_CATEGORY.containsKey(category)) {
                    CATEGORIES.add(category);
                }
                ITEMS_BY_CATEGORY.computeIfAbsent(category, k -> new ArrayList<>()).add(item);
            }
        }
    }

    private static UUID randomItem() {
        List<UUID> items = ITEMS_BY_CATEGORY.get(CATEGORIES.get(RANDOM.nextInt(CATEGORIES.size())));
        return items.get(RANDOM.nextInt(items.size()));
    }

    private static List<UUID> users(int n) {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(UUID.randomUUID());
        }
        return users;
    }

    private static String[] record(EventPayload payload) {
        EventEnvelope<EventPayload> envelope = EventEnvelope.wrap(payload, "bench", Instant.now());
        return new String[]{EventType.fromWire(envelope.eventType()).orElseThrow().topic(), envelope.key(), EventCodec.encode(envelope)};
    }

    static void send(EventPayload payload) {
        String[] r = record(payload);
        producer.send(new ProducerRecord<>(r[0], r[1], r[2]));
    }

    static void flush() {
        producer.flush();
    }

    private static double rawConsumeRate(String topic, int events) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA, ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long read = 0;
            long start = 0;
            while (read < events) {
                int got = consumer.poll(Duration.ofMillis(200)).count();
                if (got > 0 && start == 0) {
                    start = System.nanoTime();
                }
                read += got;
            }
            return read / ((System.nanoTime() - start) / 1e9);
        }
    }

    static JsonNode get(UUID user, int limit) {
        String url = URLS.get(Math.floorMod(user.hashCode(), URLS.size())) + "/api/recommendations/me?limit=" + limit;
        return get(url, TOKENS.computeIfAbsent(user, u -> Jwt.issuer("https://auth.inbo.app").subject(u.toString())
                .groups(Set.of("user")).expiresIn(Duration.ofHours(2)).sign(key)));
    }

    private static JsonNode get(String url, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return EventCodec.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode requireCached(JsonNode list, boolean cached) {
        if (list.get("cached").asBoolean() != cached) {
            throw new IllegalStateException("expected cached=" + cached + ": " + list);
        }
        return list;
    }

    private static double timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void report(String what, List<Double> ms) {
        System.out.printf(Locale.ROOT, "%-36s n=%-5d p50 %7.2f ms   p90 %7.2f ms   p99 %7.2f ms   max %7.2f ms%n", what,
                ms.size(), pct(ms, 50), pct(ms, 90), pct(ms, 99), pct(ms, 100));
    }

    private static double pct(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static Connection polling;

    /** One connection for the driver's polls: a new connection per poll is a new PostgreSQL process each time. */
    static Connection polling() throws SQLException {
        if (polling == null || polling.isClosed()) {
            polling = DriverManager.getConnection(JDBC, "postgres", "");
        }
        return polling;
    }

    static long count(String sql) throws SQLException {
        try (PreparedStatement s = polling().prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long countIds(String sql, Object[] ids) throws SQLException {
        try (PreparedStatement s = polling().prepareStatement(sql)) {
            s.setArray(1, polling().createArrayOf("uuid", ids));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static void waitFor(CheckedCount current, long target, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (current.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + current.get() + " of " + target + " after " + timeout);
            }
            pause(20);
        }
    }

    private static void pause(long ms) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @FunctionalInterface
    interface CheckedCount {
        long get() throws Exception;
    }
}
