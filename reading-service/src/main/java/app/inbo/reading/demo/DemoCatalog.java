package app.inbo.reading.demo;

import app.inbo.reading.service.CatalogSlices.BulkCatalog;
import app.inbo.reading.service.CatalogSlices.BulkCategory;
import app.inbo.reading.service.CatalogSlices.BulkNewsletter;
import app.inbo.reading.service.CatalogSlices.BulkPost;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic demo catalog: the same seed and sizes give the same ids, names, texts and categories every
 * time (timestamps are placed relative to {@code now}: newsletters created over the last 24 months, posts spread
 * over the last 18). Produced as bulk-load chunks, so it goes through the service's own bulk path.
 */
public final class DemoCatalog {

    public record Sizes(int categories, int newsletters, int posts) {
        public static final Sizes DEFAULT = new Sizes(30, 2_000, 50_000);
    }

    private static final String[][] TOPICS = {
            {"technology", "Technology", "software", "chips", "the cloud", "open source", "developer tools"},
            {"science", "Science", "physics", "the lab", "new research", "experiments", "discovery"},
            {"business", "Business", "startups", "management", "strategy", "founders", "growth"},
            {"finance", "Finance", "markets", "interest rates", "investing", "banks", "personal money"},
            {"health", "Health", "sleep", "nutrition", "medicine", "fitness", "public health"},
            {"design", "Design", "typography", "product design", "interfaces", "branding", "colour"},
            {"climate", "Climate", "energy", "emissions", "adaptation", "renewables", "weather"},
            {"politics", "Politics", "elections", "policy", "parliaments", "campaigns", "diplomacy"},
            {"culture", "Culture", "books", "museums", "ideas", "essays", "the arts"},
            {"food", "Food", "recipes", "restaurants", "baking", "coffee", "home cooking"},
            {"travel", "Travel", "trains", "cities", "slow travel", "hiking", "hidden places"},
            {"sports", "Sports", "football", "running", "tennis", "cycling", "training"},
            {"gaming", "Gaming", "indie games", "consoles", "game design", "esports", "retro games"},
            {"music", "Music", "new albums", "jazz", "songwriting", "concerts", "vinyl"},
            {"film", "Film", "cinema", "documentaries", "directors", "streaming", "festivals"},
            {"education", "Education", "teaching", "schools", "learning", "universities", "curricula"},
            {"parenting", "Parenting", "toddlers", "teenagers", "family life", "play", "schooling"},
            {"productivity", "Productivity", "focus", "habits", "calendars", "note-taking", "deep work"},
            {"ai", "Artificial Intelligence", "language models", "machine learning", "AI safety", "datasets", "agents"},
            {"security", "Security", "privacy", "encryption", "breaches", "passwords", "threat models"},
            {"crypto", "Crypto", "blockchains", "stablecoins", "wallets", "regulation", "tokens"},
            {"space", "Space", "rockets", "satellites", "astronomy", "the moon", "exoplanets"},
            {"history", "History", "archives", "empires", "the twentieth century", "biographies", "old maps"},
            {"philosophy", "Philosophy", "ethics", "stoicism", "the mind", "logic", "meaning"},
            {"marketing", "Marketing", "newsletters", "audiences", "copywriting", "SEO", "brands"},
            {"careers", "Careers", "job hunting", "interviews", "remote work", "salaries", "promotions"},
            {"real-estate", "Real Estate", "housing", "mortgages", "architecture", "renting", "cities"},
            {"automotive", "Automotive", "electric cars", "batteries", "motorsport", "road trips", "autonomy"},
            {"fashion", "Fashion", "style", "sustainability", "designers", "sneakers", "runways"},
            {"gardening", "Gardening", "vegetables", "houseplants", "soil", "seeds", "allotments"},
            {"photography", "Photography", "cameras", "street photography", "editing", "light", "portraits"},
            {"law", "Law", "courts", "contracts", "rights", "regulation", "legal tech"},
    };
    private static final String[] NAME_PATTERNS = {
            "The %s Brief", "%s Weekly", "Morning %s", "The %s Letter", "%s Dispatch", "Inside %s", "%s Notes",
            "The Daily %s", "%s Digest", "Deep %s", "%s Field Guide", "The %s Memo", "%s Unpacked", "Signal: %s"};
    private static final String[] DESCRIPTION_PATTERNS = {
            "A weekly look at %s and %s, written for curious people who want the signal without the noise.",
            "Short, opinionated notes on %s, with one long read on %s every Sunday.",
            "What changed this week in %s and why it matters for %s.",
            "Interviews, links and analysis about %s, plus a practical tip on %s in every issue.",
            "An independent newsletter on %s: explainers, data and the occasional rant about %s."};
    private static final String[] TITLE_PATTERNS = {
            "Why %s matters more than you think", "{n} lessons from a year of %s", "The quiet revolution in %s",
            "What nobody tells you about %s", "A beginner's guide to %s", "%s, explained in five charts",
            "How %s is changing %s", "The case against %s", "Inside the world of %s", "{n} ideas about %s worth stealing",
            "Is %s overrated?", "The numbers behind %s", "What %s can learn from %s", "A field report on %s"};
    private static final String[] SUMMARY_PATTERNS = {
            "This issue looks at %s from three angles and ends with what to watch next in %s.",
            "We spoke to people working on %s about what surprised them, and collected the best reading on %s.",
            "A close look at recent news in %s, with a short primer on %s for newcomers.",
            "Data, anecdotes and a few strong opinions about %s, and how it connects to %s."};

    private final long seed;
    private final Sizes sizes;
    private final Instant now;

    public DemoCatalog(long seed, Sizes sizes, Instant now) {
        if (sizes.categories() < 1 || sizes.categories() > TOPICS.length) {
            throw new IllegalArgumentException("categories must be between 1 and " + TOPICS.length);
        }
        if (sizes.newsletters() < 1 || sizes.posts() < 0) {
            throw new IllegalArgumentException("newsletters must be at least 1 and posts not negative");
        }
        this.seed = seed;
        this.sizes = sizes;
        this.now = now;
    }

    /** The catalog as bulk loads of at most {@code newslettersPerChunk} newsletters; categories in the first. */
    public List<BulkCatalog> chunks(int newslettersPerChunk) {
        Random random = new Random(seed);
        List<BulkCategory> categories = new ArrayList<>();
        for (int i = 0; i < sizes.categories(); i++) {
            categories.add(new BulkCategory(id("category", i), TOPICS[i][0], TOPICS[i][1]));
        }
        int[] postsPer = spread(random, sizes.posts(), sizes.newsletters());
        List<BulkCatalog> chunks = new ArrayList<>();
        List<BulkNewsletter> current = new ArrayList<>();
        int postIndex = 0;
        for (int n = 0; n < sizes.newsletters(); n++) {
            int main = random.nextInt(sizes.categories());
            List<UUID> categoryIds = new ArrayList<>(List.of(categories.get(main).id()));
            if (sizes.categories() > 1 && random.nextInt(3) == 0) {
                int second = (main + 1 + random.nextInt(sizes.categories() - 1)) % sizes.categories();
                categoryIds.add(categories.get(second).id());
            }
            String[] topic = TOPICS[main];
            String name = String.format(Locale.ROOT, pick(random, NAME_PATTERNS), topic[1]);
            String description = String.format(Locale.ROOT, pick(random, DESCRIPTION_PATTERNS),
                    topic[2 + random.nextInt(5)], topic[2 + random.nextInt(5)]);
            String slug = topic[0] + "-" + n;
            Instant createdAt = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 730)));
            List<BulkPost> posts = new ArrayList<>();
            for (int p = 0; p < postsPer[n]; p++, postIndex++) {
                String subject = topic[2 + random.nextInt(5)];
                String other = TOPICS[random.nextInt(sizes.categories())][2 + random.nextInt(5)];
                String pattern = pick(random, TITLE_PATTERNS).replace("{n}", Integer.toString(3 + random.nextInt(9)));
                String title = capitalise(String.format(Locale.ROOT, pattern, subject, other));
                String summary = String.format(Locale.ROOT, pick(random, SUMMARY_PATTERNS), subject, other);
                Instant publishedAt = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 548)));
                posts.add(new BulkPost(id("post", postIndex), title, summary,
                        "https://" + slug + ".example/p/" + postIndex, publishedAt));
            }
            current.add(new BulkNewsletter(id("newsletter", n), name + (n >= TOPICS.length * NAME_PATTERNS.length
                    ? " #" + (n / (TOPICS.length * NAME_PATTERNS.length) + 1) : ""), description,
                    "https://" + slug + ".example", categoryIds, createdAt, posts));
            if (current.size() == newslettersPerChunk) {
                chunks.add(new BulkCatalog(chunks.isEmpty() ? categories : List.of(), current));
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty() || chunks.isEmpty()) {
            chunks.add(new BulkCatalog(chunks.isEmpty() ? categories : List.of(), current));
        }
        return chunks;
    }

    /** Ids derived from the seed, a kind and an index: stable across runs and machines. */
    UUID id(String kind, int index) {
        long hi = seed * 0x9E3779B97F4A7C15L + kind.hashCode();
        long lo = ByteBuffer.allocate(8).putInt(kind.length()).putInt(index).getLong(0);
        return UUID.nameUUIDFromBytes(ByteBuffer.allocate(16).putLong(hi).putLong(lo).array());
    }

    /** {@code total} split over {@code buckets}, uneven like real publishing frequencies, summing exactly. */
    private static int[] spread(Random random, int total, int buckets) {
        double[] weights = new double[buckets];
        double sum = 0;
        for (int i = 0; i < buckets; i++) {
            weights[i] = 0.2 + random.nextDouble() * random.nextDouble() * 3;
            sum += weights[i];
        }
        int[] counts = new int[buckets];
        int assigned = 0;
        for (int i = 0; i < buckets; i++) {
            counts[i] = (int) Math.floor(total * weights[i] / sum);
            assigned += counts[i];
        }
        for (int i = 0; assigned < total; i = (i + 1) % buckets, assigned++) {
            counts[i]++;
        }
        return counts;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
