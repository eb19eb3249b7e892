package app.inbo.recommendation.domain;

import app.inbo.contracts.events.ItemType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An item that may be recommended, with its signals (popularity already decayed to now). */
public record Candidate(UUID id, ItemType type, String title, List<UUID> categoryIds, List<String> categorySlugs,
                        double popularity, double coEngagement, Instant freshAt) {
}
