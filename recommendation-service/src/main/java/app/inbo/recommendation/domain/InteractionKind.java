package app.inbo.recommendation.domain;

import app.inbo.recommendation.config.RecommendationConfig;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the user did, as finely as the source says it; each kind becomes one {@link UserEventType}. Features are
 * weighted by kind, so an impression ({@code view}) counts far less than an opened item although both are stored
 * as user event {@code open}.
 */
public enum InteractionKind {
    VIEW(UserEventType.OPEN, false),
    OPEN(UserEventType.OPEN, true),
    CLICK(UserEventType.CLICK, true),
    READ(UserEventType.READ, true),
    COMPLETE(UserEventType.COMPLETE, true),
    DISMISS(UserEventType.DISMISS, false);

    private final UserEventType userEventType;
    private final boolean engagement;

    InteractionKind(UserEventType userEventType, boolean engagement) {
        this.userEventType = userEventType;
        this.engagement = engagement;
    }

    public UserEventType userEventType() {
        return userEventType;
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
