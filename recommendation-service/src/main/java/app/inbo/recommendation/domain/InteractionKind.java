package app.inbo.recommendation.domain;

import app.inbo.recommendation.config.RecommendationConfig;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the user did, as finely as the source says it, and the user event type it is stored as
 * ({@code user_event.event_type}: click, open, read, complete, dismiss). Features are weighted by kind, so an
 * impression ({@code view}) counts far less than an opened item although both are stored as {@code open}.
 */
public enum InteractionKind {
    VIEW("open", false),
    OPEN("open", true),
    CLICK("click", true),
    READ("read", true),
    COMPLETE("complete", true),
    DISMISS("dismiss", false);

    private final String storedAs;
    private final boolean engagement;

    InteractionKind(String storedAs, boolean engagement) {
        this.storedAs = storedAs;
        this.engagement = engagement;
    }

    /** The user event type this kind is stored as. */
    public String storedAs() {
        return storedAs;
    }

    /** Engagement (click, open, read, complete) pairs items for co-engagement; impressions and dismissals do not. */
    public boolean engagement() {
        return engagement;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public double weight(RecommendationConfig.EventWeights weights) {
        return switch (this) {
            case VIEW -> weights.view();
            case OPEN -> weights.open();
            case CLICK -> weights.click();
            case READ -> weights.read();
            case COMPLETE -> weights.complete();
            case DISMISS -> weights.dismiss();
        };
    }

    /** The kind of an interaction type of {@code experience.interaction.recorded}, if it is one we learn from. */
    public static Optional<InteractionKind> ofInteraction(String interactionType) {
        if (interactionType == null) {
            return Optional.empty();
        }
        String wire = interactionType.toLowerCase(Locale.ROOT);
        return Arrays.stream(new InteractionKind[]{VIEW, OPEN, CLICK, DISMISS})
                .filter(kind -> kind.wireName().equals(wire))
                .findFirst();
    }
}
