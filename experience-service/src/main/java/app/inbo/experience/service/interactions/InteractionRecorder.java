package app.inbo.experience.service.interactions;

import app.inbo.contracts.api.ExperimentVariant;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.ItemType;
import app.inbo.experience.config.ExperienceConfig;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.domain.CounterStore;
import app.inbo.experience.domain.InteractionStore;
import app.inbo.experience.domain.ItemCounter;
import app.inbo.experience.service.experiments.ExperimentMetrics;
import app.inbo.experience.service.popularity.PopularityCounters;
import app.inbo.support.idempotency.IdempotencyKeys;
import app.inbo.support.outbox.Outbox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import app.inbo.support.problem.InvalidRequestException;
import app.inbo.support.problem.Problem;
import app.inbo.support.tx.AfterCommit;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Records interactions, all or nothing: in one transaction the rows (one statement), one
 * {@code experience.interaction.recorded} event per interaction (outbox, keyed by user) and the counts they add to
 * the counters' record ({@link CounterStore}); after commit the Redis popularity counters. Renders are checked with one query (unknown → 404, another user's → 403), item types come from the
 * catalog copy with one query (an item it has never heard of → 400 naming the field).
 * <p>
 * An interaction occurred when the client says ({@code occurred_at}, within {@link ClientTimeBounds} of the time of
 * receipt, else 400 naming the field), or when it was received; both times are stored and carried by the event.
 * The events of a request are appended in the order the user did things (stable for equal times), so consumers
 * that depend on order (co-engagement's "most recent items") see an offline queue as it happened.
 */
@ApplicationScoped
public class InteractionRecorder {

    public static final String NO_RENDER = "unknown";

    @Inject
    InteractionStore store;

    @Inject
    CatalogRepository catalog;

    @Inject
    Outbox outbox;

    @Inject
    AfterCommit afterCommit;

    @Inject
    PopularityCounters counters;

    @Inject
    ExperimentMetrics experiments;

    @Inject
    CounterStore counterRecord;

    @Inject
    Clock clock;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    ObjectMapper mapper;

    @Inject
    ExperienceConfig config;

    /** What a request recorded, or, for a retry with the same Idempotency-Key, what its first attempt recorded. */
    public record Recorded(List<UUID> interactionIds, boolean replayed) {
    }

    /**
     * @param batch          whether the requests came as a batch (errors then name {@code interactions[i].field})
     * @param idempotencyKey the client's key for this request, if it sent one: a retry records nothing again
     * @param fingerprint    what identifies the request under that key ({@link IdempotencyKeys#fingerprint})
     */
    @Transactional
    public Recorded record(UUID userId, List<ReportedInteraction> requests, boolean batch,
                           Optional<String> idempotencyKey, String fingerprint) {
        String scope = "interactions:" + userId;
        if (idempotencyKey.isPresent()) {
            Optional<String> first = idempotencyKeys.claim(scope, idempotencyKey.get(), fingerprint);
            if (first.isPresent()) {
                return new Recorded(ids(first.get()), true);
            }
        }
        List<UUID> recorded = record(userId, requests, batch);
        idempotencyKey.ifPresent(key -> idempotencyKeys.answer(scope, key, json(recorded)));
        return new Recorded(recorded, false);
    }

    private List<UUID> record(UUID userId, List<ReportedInteraction> requests, boolean batch) {
        // the database keeps microseconds: the row and the event carry the same times
        Instant receivedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        checkClientTimes(requests, batch, receivedAt);
        Set<UUID> renderIds = new LinkedHashSet<>();
        Set<UUID> itemIds = new LinkedHashSet<>();
        for (ReportedInteraction request : requests) {
            if (request.renderId() != null) {
                renderIds.add(request.renderId());
            }
            itemIds.add(request.itemId());
        }
        Map<UUID, InteractionStore.RenderOwner> renders = store.renders(renderIds);
        for (UUID renderId : renderIds) {
            InteractionStore.RenderOwner render = renders.get(renderId);
            if (render == null) {
                throw new NotFoundException("render " + renderId + " does not exist");
            }
            if (!render.userId().equals(userId)) {
                throw new ForbiddenException("render " + renderId + " was shown to another user");
            }
        }
        Map<UUID, ItemType> types = catalog.typesOf(itemIds);
        List<Problem.InvalidParam> unknown = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (!types.containsKey(requests.get(i).itemId())) {
                unknown.add(new Problem.InvalidParam(field(batch, i, "item_id"), "is not a known catalog item"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException(unknown);
        }

        List<InteractionStore.Row> rows = new ArrayList<>(requests.size());
        List<InteractionRecorded> events = new ArrayList<>(requests.size());
        List<PopularityCounters.Counted> counted = new ArrayList<>(requests.size());
        Map<CounterStore.Key, Long> countDeltas = new HashMap<>();
        List<Runnable> experimented = new ArrayList<>();
        for (ReportedInteraction request : requests) {
            InteractionStore.RenderOwner render = request.renderId() == null ? null : renders.get(request.renderId());
            String appSection = render == null ? NO_RENDER : render.page();
            Instant occurredAt = request.occurredAt() == null ? receivedAt
                    : request.occurredAt().truncatedTo(ChronoUnit.MICROS);
            InteractionStore.Row row = new InteractionStore.Row(UUID.randomUUID(), userId, request.renderId(),
                    request.itemId(), types.get(request.itemId()), request.interactionType(), request.sectionType(),
                    request.position(), request.dwellTimeMs(), request.sessionId(), appSection, occurredAt, receivedAt);
            rows.add(row);
            ExperimentVariant variant = render == null ? null : render.variant();
            events.add(new InteractionRecorded(row.id(), userId, row.itemId(), row.itemType(), row.interactionType(),
                    row.sectionType(), row.position(), row.dwellTimeMs(), row.sessionId(), row.renderId(),
                    row.appSection(), occurredAt, receivedAt, variant));
            if (variant != null) {
                experimented.add(() -> experiments.interacted(variant, row.sectionType(), row.interactionType(),
                        row.dwellTimeMs()));
            }
            counted.add(new PopularityCounters.Counted(row.itemId(), row.interactionType(), occurredAt, receivedAt));
            ItemCounter.ofInteraction(row.interactionType()).ifPresent(counter ->
                    countDeltas.merge(new CounterStore.Key(row.itemId(), counter), 1L, Long::sum));
        }
        events.sort(Comparator.comparing(InteractionRecorded::occurredAt));
        store.insertAll(rows);
        outbox.appendAll(events);
        counterRecord.appendDeltas(countDeltas);
        afterCommit.run(PopularityCounters.class, () -> counters.record(counted));
        if (!experimented.isEmpty()) {
            afterCommit.run(ExperimentMetrics.class, () -> experimented.forEach(Runnable::run));
        }
        return rows.stream().map(InteractionStore.Row::id).toList();
    }

    /** Every client time outside the bounds, named with its index in a batch: 400, nothing written. */
    private void checkClientTimes(List<ReportedInteraction> requests, boolean batch, Instant receivedAt) {
        ClientTimeBounds bounds = new ClientTimeBounds(config.interactions().maxClockSkew(),
                config.interactions().maxAge());
        List<Problem.InvalidParam> invalid = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Instant occurredAt = requests.get(i).occurredAt();
            if (occurredAt != null) {
                int index = i;
                bounds.violation(occurredAt, receivedAt).ifPresent(reason ->
                        invalid.add(new Problem.InvalidParam(field(batch, index, "occurred_at"), reason)));
            }
        }
        if (!invalid.isEmpty()) {
            throw new InvalidRequestException(invalid);
        }
    }

    private String json(List<UUID> ids) {
        try {
            return mapper.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("interaction ids cannot be written as JSON", e);
        }
    }

    private List<UUID> ids(String json) {
        try {
            return List.of(mapper.readValue(json, UUID[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored answer of an idempotent request is not readable", e);
        }
    }

    private static String field(boolean batch, int index, String name) {
        return batch ? "interactions[" + index + "]." + name : name;
    }
}
