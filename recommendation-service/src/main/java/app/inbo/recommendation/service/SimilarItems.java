package app.inbo.recommendation.service;

import app.inbo.recommendation.domain.ItemNeighbourStore.Neighbour;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the item-to-item model suggests to one user: an item's score is the sum of its similarity to each of the
 * user's items, weighted by how recently the user engaged with that item; the item that contributed most is the
 * "because" of the recommendation.
 */
public final class SimilarItems {

    /** An item suggested because the user engaged with {@code becauseId}. */
    public record Similar(double score, UUID becauseId, String becauseTitle) {
    }

    private SimilarItems() {
    }

    /** The {@code limit} best suggestions, best first, leaving out the user's own items and the excluded ones. */
    public static Map<UUID, Similar> suggest(Map<UUID, Double> sourceWeights, Collection<Neighbour> neighbours,
                                             Set<UUID> excluded, int limit) {
        Map<UUID, Double> score = new HashMap<>();
        Map<UUID, Neighbour> strongest = new HashMap<>();
        Map<UUID, Double> strongestContribution = new HashMap<>();
        for (Neighbour n : neighbours) {
            Double weight = sourceWeights.get(n.sourceId());
            if (weight == null || sourceWeights.containsKey(n.itemId()) || excluded.contains(n.itemId())) {
                continue;
            }
            double contribution = weight * n.similarity();
            score.merge(n.itemId(), contribution, Double::sum);
            if (contribution > strongestContribution.getOrDefault(n.itemId(), Double.NEGATIVE_INFINITY)) {
                strongestContribution.put(n.itemId(), contribution);
                strongest.put(n.itemId(), n);
            }
        }
        Map<UUID, Similar> best = new LinkedHashMap<>();
        score.entrySet().stream()
                .sorted(Map.Entry.<UUID, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> {
                    Neighbour because = strongest.get(e.getKey());
                    best.put(e.getKey(), new Similar(e.getValue(), because.sourceId(), because.sourceTitle()));
                });
        return best;
    }
}
