// The search benchmark's Java half (run with the broker's classpath: kafka-clients, jackson, shared-contracts):
//   feed BOOTSTRAP QUERIES_OUT     publishes the demo catalog (12 categories, 2,000 newsletters, 50,000 posts, seed
//                                  42) as catalog events and writes the fixed query mix (1,200 queries) to a file
//   indexed BASE_URL EXPECTED      waits until the service counted EXPECTED indexed documents; prints docs/s
//   queries BASE_URL TOKEN FILE C [WARM_FILE]
//                                  runs every query of FILE at concurrency C; prints p50/p99 (and for a URL path);
//                                  WARM_FILE first, unmeasured, in the same JVM (this client's JIT and connections
//                                  are warm too); with BENCH_BY_KIND set, p50/p99 per kind of query on stderr
import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostPublished;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SearchBench {

    static final String[] CATEGORIES = {"technology", "science", "business", "design", "health", "finance",
            "culture", "sports", "politics", "travel", "food", "gaming"};
    static final String[] ADJECTIVES = ("quiet loud bright dark rapid slow open hidden daily weekly modern ancient "
            + "global local digital analog curious honest bold gentle practical radical simple complex northern "
            + "southern urban rural golden silver green blue crimson deep lucid wild calm steady clever humble "
            + "brave early late").split(" ");
    static final String[] NOUNS = ("signal ledger compass harbor engine garden atlas beacon circuit canvas kitchen "
            + "market orbit parliament pulse quarry river summit terminal valley workshop archive bridge cabinet "
            + "dispatch frontier gazette horizon journal lantern meridian notebook observer pioneer quill review "
            + "sentinel tribune courier chronicle digest letter memo briefing almanac bulletin column dossier "
            + "field forum gallery herald index outpost studio").split(" ");
    static final String[] SUFFIXES = "Weekly Daily Digest Notes Letter Brief Review Report Journal Dispatch".split(" ");
    // topic words; their frequency in the texts follows a Zipf law like real prose (after stop words)
    static final String[] WORDS = ("technology software hardware network security privacy cloud database server "
            + "algorithm machine learning model data analytics startup venture funding market economy inflation "
            + "interest rates banking investment portfolio stock bond crypto blockchain energy climate carbon solar "
            + "wind battery electric vehicle transport railway aviation travel tourism hotel restaurant recipe "
            + "cooking baking kitchen garden plant forest ocean river mountain wildlife biology chemistry physics "
            + "astronomy telescope galaxy planet rocket satellite space mission research university student "
            + "teacher education school science experiment laboratory medicine vaccine hospital doctor nurse "
            + "health fitness running cycling football basketball tennis olympics championship league coach "
            + "player team season election parliament policy government minister president campaign vote law "
            + "court justice rights history museum archive painting music concert album guitar film cinema "
            + "theatre novel poetry writer author book library design typography architecture building city urban "
            + "housing rent property mortgage family parenting children career interview leadership management "
            + "productivity remote office meeting culture identity language translation philosophy ethics "
            + "psychology memory sleep nutrition diet coffee wine festival fashion textile retail commerce "
            + "logistics supply chain factory manufacturing robot automation drone sensor camera photography "
            + "video streaming podcast newsletter journalism media advertising social platform community forum "
            + "gaming console strategy puzzle esports tournament developer programming compiler kernel linux "
            + "browser internet protocol encryption password identity payment wallet invoice accounting tax "
            + "budget pension insurance startup founder product launch review benchmark performance latency cache "
            + "storage backup migration upgrade release version feature bug security vulnerability patch").split(" ");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "feed" -> feed(args[1], Path.of(args[2]));
            case "indexed" -> indexed(args[1], Long.parseLong(args[2]));
            case "queries" -> {
                if (args.length > 5) {
                    run(args[1], args[2], Path.of(args[5]), Integer.parseInt(args[4]));
                }
                queries(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]));
            }
            default -> throw new IllegalArgumentException("feed | indexed | queries");
        }
    }

    // ---------------------------------------------------------------- catalog and query mix

    static void feed(String bootstrap, Path queriesOut) throws Exception {
        Random random = new Random(42);
        Zipf zipf = new Zipf(WORDS.length, 0.9, random);
        List<CategoryRef> categories = new ArrayList<>();
        for (String slug : CATEGORIES) {
            categories.add(new CategoryRef(UUID.nameUUIDFromBytes(slug.getBytes()), slug,
                    Character.toUpperCase(slug.charAt(0)) + slug.substring(1)));
        }
        List<EventPayload> events = new ArrayList<>();
        for (CategoryRef c : categories) {
            events.add(new CategoryUpserted(c.id(), c.slug(), c.name(), 1));
        }
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < 2000) {
            names.add(pick(ADJECTIVES, random, true) + " " + pick(NOUNS, random, true) + " " + pick(SUFFIXES, random, false));
        }
        Instant now = Instant.parse("2026-11-28T00:00:00Z");
        List<NewsletterUpserted> newsletters = new ArrayList<>();
        int n = 0;
        for (String name : names) {
            UUID id = new UUID(0x5eac000000004000L, 0x8000000000000000L | n++);
            List<CategoryRef> cats = new ArrayList<>(List.of(categories.get(random.nextInt(categories.size()))));
            if (random.nextBoolean()) {
                CategoryRef second = categories.get(random.nextInt(categories.size()));
                if (!cats.contains(second)) {
                    cats.add(second);
                }
            }
            NewsletterUpserted newsletter = new NewsletterUpserted(id, name, sentence(zipf, random, 12, 24),
                    "https://demo.inbo.app/n/" + n, cats, now.minus(Duration.ofDays(400 + random.nextInt(300))),
                    now.minus(Duration.ofDays(random.nextInt(30))), now.minus(Duration.ofHours(random.nextInt(24 * 30))), 1);
            newsletters.add(newsletter);
            events.add(newsletter);
        }
        List<String> titles = new ArrayList<>();
        for (int p = 0; p < 50_000; p++) {
            NewsletterUpserted newsletter = newsletters.get(p % newsletters.size());
            String title = capitalise(sentence(zipf, random, 5, 9));
            titles.add(title);
            events.add(new PostPublished(new UUID(0x9057000000004000L, 0x8000000000000000L | p), newsletter.newsletterId(),
                    newsletter.name(), title, sentence(zipf, random, 15, 30), "https://demo.inbo.app/p/" + p,
                    now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 700))), newsletter.categories(), 1));
        }
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new StringSerializer())) {
            Instant occurred = Instant.now();
            for (EventPayload payload : events) {
                EventEnvelope<EventPayload> envelope = EventEnvelope.wrap(payload, "reading-service", occurred);
                producer.send(new ProducerRecord<>("reading.catalog.changed", envelope.key(), EventCodec.encode(envelope)));
            }
            producer.flush();
        }
        System.out.printf("   published %,d catalog events (%,d documents) in %.1f s%n", events.size(),
                events.size() - CATEGORIES.length, (System.nanoTime() - started) / 1e9);
        Files.write(queriesOut, queryMix(new Random(7), zipf, names, titles));
    }

    /** 1,200 distinct queries: single words, pairs, typos, exact newsletter names, filtered, pages, suggest. */
    static List<String> queryMix(Random random, Zipf zipf, Set<String> names, List<String> titles) {
        List<String> nameList = new ArrayList<>(names);
        Set<String> mix = new LinkedHashSet<>();
        while (mix.size() < 1200) {
            int kind = random.nextInt(10);
            String query = switch (kind) {
                case 0, 1, 2 -> "/api/search?q=" + enc(WORDS[zipf.next()]);
                case 3, 4 -> "/api/search?q=" + enc(WORDS[zipf.next()] + " " + WORDS[zipf.next()]);
                case 5 -> "/api/search?q=" + enc(typo(WORDS[random.nextInt(WORDS.length)], random));
                case 6 -> "/api/search?q=" + enc(nameList.get(random.nextInt(nameList.size())));
                case 7 -> "/api/search?q=" + enc(WORDS[zipf.next()]) + "&category="
                        + CATEGORIES[random.nextInt(CATEGORIES.length)] + (random.nextBoolean() ? "&type=post" : "");
                case 8 -> "/api/search?q=" + enc(titles.get(random.nextInt(titles.size())).split(" ")[0] + " "
                        + WORDS[zipf.next()]) + "&limit=" + (10 + random.nextInt(40));
                default -> {
                    String word = WORDS[random.nextInt(WORDS.length)];
                    yield "/api/search/suggest?q=" + enc(word.substring(0, Math.min(word.length(), 2 + random.nextInt(4))));
                }
            };
            mix.add(query);
        }
        List<String> shuffled = new ArrayList<>(mix);
        Collections.shuffle(shuffled, random);
        return shuffled;
    }

    static String typo(String word, Random random) {
        if (word.length() < 5) {
            return word + "s";
        }
        int at = 1 + random.nextInt(word.length() - 2);
        return random.nextBoolean() ? word.substring(0, at) + word.substring(at + 1)
                : word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
    }

    static String sentence(Zipf zipf, Random random, int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(i == 0 ? "" : i % 7 == 3 ? " and the " : " ").append(WORDS[zipf.next()]);
        }
        return text.append('.').toString();
    }

    static String pick(String[] from, Random random, boolean capital) {
        String word = from[random.nextInt(from.length)];
        return capital ? capitalise(word) : word;
    }

    static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Ranks 0..n-1 with P(k) ∝ 1/(k+1)^s, drawn from a seeded random. */
    static final class Zipf {
        private final double[] cumulative;
        private final Random random;

        Zipf(int n, double s, Random random) {
            this.random = random;
            cumulative = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += 1 / Math.pow(k + 1, s);
                cumulative[k] = sum;
            }
            for (int k = 0; k < n; k++) {
                cumulative[k] /= sum;
            }
        }

        int next() {
            int at = Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
        }
    }

    // ---------------------------------------------------------------- measurements

    /** HTTP/1.1 with keep-alive, as the gateway (nginx, proxy_http_version 1.1) talks to the services. */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern INDEXED = Pattern.compile("^search_documents_indexed_total\\S*\\s+(\\S+)$", Pattern.MULTILINE);

    static void indexed(String base, long expected) throws Exception {
        long first = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        double count = 0;
        while (System.nanoTime() < deadline) {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = INDEXED.matcher(metrics);
            count = m.find() ? Double.parseDouble(m.group(1)) : 0;
            if (count > 0 && first == 0) {
                first = System.nanoTime();
            }
            if (count >= expected) {
                double seconds = (System.nanoTime() - first) / 1e9;
                System.out.printf("   indexed %,d documents in %.1f s from the first one: %,.0f documents/s "
                        + "(target >= 2,000)%n", (long) count, seconds, count / seconds);
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("only " + count + " of " + expected + " documents indexed in 10 minutes");
    }

    static void queries(String base, String token, Path file, int concurrency) throws Exception {
        List<String> paths = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        Run run = run(base, token, file, concurrency);
        long[] latencies = run.latencies();
        long[] sorted = run.sorted();
        System.out.printf("%d %.3f %.3f %.3f %.0f%n", paths.size(), sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted[sorted.length - 1] / 1e6,
                paths.size() / run.seconds());
        String byKindLabel = System.getenv("BENCH_BY_KIND");
        if (byKindLabel != null && !byKindLabel.isBlank()) {
            System.err.println("   per kind of query (" + byKindLabel + "):");
            java.util.Map<String, List<Long>> byKind = new java.util.TreeMap<>();
            for (int i = 0; i < paths.size(); i++) {
                byKind.computeIfAbsent(kind(paths.get(i)), k -> new ArrayList<>()).add(latencies[i]);
            }
            byKind.forEach((kind, values) -> {
                long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
                System.err.printf("   %-28s n=%4d  p50 %7.2f ms  p99 %7.2f ms%n", kind, v.length, v[v.length / 2] / 1e6,
                        v[(int) Math.ceil(v.length * 0.99) - 1] / 1e6);
            });
        }
    }

    /** The kind of a query of the mix, read off its URL. */
    static String kind(String path) {
        if (path.contains("/suggest")) {
            return "suggest";
        }
        if (path.contains("category=")) {
            return path.contains("type=") ? "word + category + type" : "word + category";
        }
        if (path.contains("limit=")) {
            return "title word + word, limit";
        }
        String q = java.net.URLDecoder.decode(path.replaceAll(".*[?&]q=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        int words = q.trim().split("\\s+").length;
        return words == 1 ? "one word (or typo)" : words == 2 ? "two words" : "3+ words (names)";
    }

    /** Runs every query of the file at the concurrency; returns each one's latency (ns), in file order. */
    static Run run(String base, String token, Path file, int concurrency) throws Exception {
        List<String> paths = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        long[] latencies = new long[paths.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < paths.size(); ) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + paths.get(i)))
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
                    long t = System.nanoTime();
                    try {
                        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                        latencies[i] = System.nanoTime() - t;
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                            System.err.println(response.statusCode() + " " + paths.get(i) + " " + response.body());
                        }
                    } catch (java.io.IOException | InterruptedException e) {
                        failures.incrementAndGet();
                        latencies[i] = System.nanoTime() - t;
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " requests failed");
        }
        return new Run(latencies, sorted, seconds);
    }

    record Run(long[] latencies, long[] sorted, double seconds) {
    }
}
