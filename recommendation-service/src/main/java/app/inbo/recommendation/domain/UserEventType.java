package app.inbo.recommendation.domain;

import java.util.Locale;

/** The user events the recommendation service learns from. */
public enum UserEventType {
    CLICK, OPEN, READ, COMPLETE, DISMISS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
