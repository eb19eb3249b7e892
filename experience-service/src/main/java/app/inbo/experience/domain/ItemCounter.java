package app.inbo.experience.domain;

import app.inbo.contracts.api.ItemCounts;

import java.util.Optional;

/**
 * The popularity counters kept per item: one per counted interaction type. Redis holds them under
 * {@code exp:item:{id}:{name}} (key builder), the database holds the record ({@code item_count}) and the backup
 * ({@code counter_snapshot}); the recommendation service's item features count the same interactions.
 */
public enum ItemCounter {
    VIEWS("view", "views"),
    CLICKS("click", "clicks"),
    OPENS("open", "opens"),
    DISMISSES("dismiss", "dismisses");

    private final String interactionType;
    private final String counterName;

    ItemCounter(String interactionType, String counterName) {
        this.interactionType = interactionType;
        this.counterName = counterName;
    }

    /** The counter an interaction of this type increments, if any. */
    public static Optional<ItemCounter> ofInteraction(String interactionType) {
        for (ItemCounter counter : values()) {
            if (counter.interactionType.equals(interactionType)) {
                return Optional.of(counter);
            }
        }
        return Optional.empty();
    }

    public static ItemCounter ofName(String counterName) {
        for (ItemCounter counter : values()) {
            if (counter.counterName.equals(counterName)) {
                return counter;
            }
        }
        throw new IllegalArgumentException("no item counter " + counterName);
    }

    /** The name in Redis keys and in the database. */
    public String counterName() {
        return counterName;
    }

    /** This counter's value in the recommendation service's item features. */
    public long of(ItemCounts counts) {
        return switch (this) {
            case VIEWS -> counts.views();
            case CLICKS -> counts.clicks();
            case OPENS -> counts.opens();
            case DISMISSES -> counts.dismisses();
        };
    }
}
