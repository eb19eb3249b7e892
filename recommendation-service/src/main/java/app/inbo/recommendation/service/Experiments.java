package app.inbo.recommendation.service;

import app.inbo.contracts.api.ExperimentVariant;
import app.inbo.recommendation.config.RecommendationConfig;
import app.inbo.recommendation.domain.Experiment;
import app.inbo.recommendation.domain.ExperimentStore;
import app.inbo.support.problem.InvalidRequestException;
import app.inbo.support.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A/B experiments of the ranking. Which experiment ranks (the running one, else the winner of the last one ended)
 * is held in memory and read again every {@code recommendation.experiments.refresh} (2 s), so a request costs no
 * statement for it and a change made on any instance ranks everywhere within that time; the instance that made the
 * change ranks with it at once. Each user is assigned by {@link VariantAssignment} and ranked with the base policy
 * ({@code recommendation.ranking.*}) with the variant's overrides ({@link RankingOverrides}).
 */
@ApplicationScoped
public class Experiments {

    private static final Logger LOG = Logger.getLogger(Experiments.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final double SHARE_TOLERANCE = 1e-9;

    @Inject
    ExperimentStore store;

    @Inject
    RecommendationConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private volatile Ranking ranking;

    /**
     * How one user is ranked: the variant (null outside a running experiment), its policy, and the suffix of the
     * cache key of lists ranked with that policy (empty for the base policy).
     */
    public record Assignment(ExperimentVariant variant, RankingPolicy policy, String cacheSuffix) {
    }

    public Assignment assign(UUID userId) {
        Ranking current = current();
        if (current.experiment() == null) {
            return current.outside();
        }
        Experiment.Variant variant = VariantAssignment.pick(VariantAssignment.bucket(current.experiment().name(), userId),
                current.experiment().variants(), Experiment.Variant::share);
        current.served().get(variant.name()).increment();
        return current.assignments().get(variant.name());
    }

    /** Creates or redefines (new shares, new overrides) a running experiment; it ranks from now on. */
    public Experiment define(String name, List<Experiment.Variant> variants) {
        checkName(name);
        check(variants);
        Optional<Experiment> defined;
        try {
            defined = store.define(name, variants, clock.instant());
        } catch (ExperimentStore.AnotherRunning e) {
            String running = store.ranking().filter(r -> r.status() == Experiment.Status.RUNNING)
                    .map(r -> " (" + r.name() + ")").orElse("");
            throw new ClientErrorException("another experiment is running" + running + ": end it first",
                    Response.Status.CONFLICT);
        }
        Experiment experiment = defined.orElseThrow(() -> new ClientErrorException("experiment " + name
                + " has ended: its report stays as it was; run a new experiment under a new name", Response.Status.CONFLICT));
        LOG.infof("experiment %s defined: %s", name, variants);
        refresh();
        return experiment;
    }

    /**
     * Ends a running experiment: from now on every user is ranked with the winner's overrides (until another
     * experiment runs). Ending it again with the same winner changes nothing (a retry).
     */
    public Experiment end(String name, String winner) {
        checkName(name);
        Optional<Experiment> ended = store.end(name, winner, clock.instant());
        if (ended.isPresent()) {
            LOG.infof("experiment %s ended, winner %s", name, winner);
            refresh();
            return ended.get();
        }
        Experiment found = find(name);
        if (found.status() == Experiment.Status.ENDED) {
            if (winner.equals(found.winner())) {
                return found;
            }
            throw new ClientErrorException("experiment " + name + " ended already, with winner " + found.winner(),
                    Response.Status.CONFLICT);
        }
        throw new InvalidRequestException("winner", "is not a variant of experiment " + name);
    }

    /**
     * Starts the configured experiment ({@code recommendation.experiments.seed}) unless one of its name exists; a
     * definition that the admin API would refuse stops the service at start, like any bad setting.
     */
    void seedAtStart(@Observes StartupEvent start) {
        config.experiments().seed().filter(seed -> config.experiments().seedEnabled()).ifPresent(seed -> {
            List<Experiment.Variant> variants = seed.variants().stream()
                    .map(v -> new Experiment.Variant(v.name(), v.share(), Map.copyOf(v.ranking()))).toList();
            try {
                seed(seed.name(), variants);
            } catch (InvalidRequestException e) {
                throw new IllegalStateException("recommendation.experiments.seed is not a usable experiment: "
                        + e.getMessage(), e);
            }
        });
    }

    /**
     * Starts an experiment unless one of that name exists (whatever admins did to it since); when another is
     * running it is not started (logged). Safe for every replica and every restart to call.
     */
    public Optional<Experiment> seed(String name, List<Experiment.Variant> variants) {
        checkName(name);
        check(variants);
        try {
            Optional<Experiment> created = store.create(name, variants, clock.instant());
            if (created.isPresent()) {
                LOG.infof("experiment %s started from configuration: %s", name, variants);
                refresh();
            }
            return created;
        } catch (ExperimentStore.AnotherRunning e) {
            LOG.warnf("experiment %s from configuration not started: another experiment is running", name);
            return Optional.empty();
        }
    }

    public Experiment find(String name) {
        checkName(name);
        return store.find(name).orElseThrow(() -> new NotFoundException("no experiment " + name));
    }

    public List<Experiment> all() {
        return store.all();
    }

    /**
     * Reads which experiment ranks; on failure the last one read keeps ranking. One refresh at a time, so a scheduled
     * read that began before a change committed never replaces what the change's own refresh read after it.
     */
    @Scheduled(every = "${recommendation.experiments.refresh:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public synchronized void refresh() {
        try {
            ranking = rankingOf(store.ranking());
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not read the experiments; ranking as before");
        }
    }

    private Ranking current() {
        Ranking current = ranking;
        if (current == null) {
            refresh();
            current = ranking;
        }
        return current != null ? current : rankingOf(Optional.empty());
    }

    private Ranking rankingOf(Optional<Experiment> found) {
        RankingPolicy base = RankingPolicy.of(config.ranking());
        if (found.isEmpty()) {
            return new Ranking(null, new Assignment(null, base, ""), Map.of(), Map.of());
        }
        Experiment experiment = found.get();
        if (experiment.status() == Experiment.Status.ENDED) {
            RankingPolicy winner = experiment.variant(experiment.winner())
                    .map(v -> RankingOverrides.apply(base, v.ranking())).orElse(base);
            return new Ranking(null, new Assignment(null, winner, suffix(base, winner)), Map.of(), Map.of());
        }
        Map<String, Assignment> assignments = new HashMap<>();
        Map<String, Counter> served = new HashMap<>();
        for (Experiment.Variant variant : experiment.variants()) {
            RankingPolicy policy = RankingOverrides.apply(base, variant.ranking());
            assignments.put(variant.name(), new Assignment(new ExperimentVariant(experiment.name(), variant.name()),
                    policy, suffix(base, policy)));
            served.put(variant.name(), registry.counter("recommendation_experiment_lists_total",
                    "experiment", experiment.name(), "variant", variant.name()));
        }
        return new Ranking(experiment, null, assignments, served);
    }

    private static String suffix(RankingPolicy base, RankingPolicy policy) {
        return policy.equals(base) ? "" : "-" + RankingOverrides.fingerprint(policy);
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException("name", "must be 1-63 lower-case letters, digits, '_' or '-', starting with a letter");
        }
    }

    private static void check(List<Experiment.Variant> variants) {
        List<Problem.InvalidParam> problems = new ArrayList<>();
        if (variants.size() < 2 || variants.size() > 10) {
            throw new InvalidRequestException("variants", "must hold 2 to 10 variants");
        }
        Set<String> names = new HashSet<>();
        double shares = 0;
        for (int i = 0; i < variants.size(); i++) {
            Experiment.Variant variant = variants.get(i);
            String at = "variants[" + i + "]";
            if (variant.name() == null || !NAME.matcher(variant.name()).matches()) {
                problems.add(new Problem.InvalidParam(at + ".name",
                        "must be 1-63 lower-case letters, digits, '_' or '-', starting with a letter"));
            } else if (!names.add(variant.name())) {
                problems.add(new Problem.InvalidParam(at + ".name", "is the name of another variant"));
            }
            if (!(variant.share() >= 0 && variant.share() <= 1)) {
                problems.add(new Problem.InvalidParam(at + ".share", "must be between 0 and 1"));
            }
            shares += variant.share();
            problems.addAll(RankingOverrides.problems(variant.ranking(), at + ".ranking"));
        }
        if (problems.isEmpty() && Math.abs(shares - 1) > SHARE_TOLERANCE) {
            problems.add(new Problem.InvalidParam("variants", "shares must add up to 1, not " + shares));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    /** What ranks now: a running experiment's assignment per variant, or one assignment for everyone. */
    private record Ranking(Experiment experiment, Assignment outside, Map<String, Assignment> assignments,
                           Map<String, Counter> served) {
    }
}
