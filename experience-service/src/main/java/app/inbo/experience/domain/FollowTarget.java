package app.inbo.experience.domain;

import app.inbo.contracts.events.FollowChanged;

/** What a user can follow: stored and sent under its wire name ({@code target_kind}). */
public enum FollowTarget {
    CATEGORY(FollowChanged.CATEGORY), NEWSLETTER(FollowChanged.NEWSLETTER);

    private final String wireName;

    FollowTarget(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static FollowTarget fromWire(String wireName) {
        for (FollowTarget target : values()) {
            if (target.wireName.equals(wireName)) {
                return target;
            }
        }
        throw new IllegalStateException("unknown follow target kind " + wireName);
    }
}
