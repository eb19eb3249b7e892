package app.inbo.experience.support;

import app.inbo.contracts.api.ItemCounts;
import app.inbo.contracts.api.ItemCountsPage;
import app.inbo.contracts.api.RecommendationList;
import app.inbo.contracts.api.UserProfile;
import app.inbo.contracts.events.EventCodec;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.List;
import java.util.UUID;

/**
 * What the {@link NeighbourStub} answers, set by a test. State lives in system properties, which every class loader
 * of the test JVM sees (the stub runs outside the application's class loader).
 */
public final class Neighbours {

    public enum Service { RECOMMENDATIONS, ITEM_COUNTS }

    public enum Mode { UP, SLOW, DOWN, DROP }

    static final long SLOW_MS = 2000;
    static final String RECOMMENDED = "inbo.test.stub.recommended.";
    static final String PROFILE = "inbo.test.stub.profile.";
    static final String ITEM_COUNTS = "inbo.test.stub.item-counts";
    private static final String MODE = "inbo.test.stub.mode.";

    private Neighbours() {
    }

    public static void set(Service service, Mode mode) {
        System.setProperty(MODE + service.name(), mode.name());
    }

    public static void allUp() {
        for (Service service : Service.values()) {
            set(service, Mode.UP);
        }
    }

    static Mode mode(Service service) {
        return Mode.valueOf(System.getProperty(MODE + service.name(), Mode.UP.name()));
    }

    public static void recommendations(UUID user, RecommendationList list) {
        System.setProperty(RECOMMENDED + user, json(list));
    }

    public static void profile(UUID user, UserProfile profile) {
        System.setProperty(PROFILE + user, json(profile));
    }

    /** The item features' counts the recommendation service reports (one page, whatever is asked). */
    public static void itemCounts(List<ItemCounts> counts) {
        System.setProperty(ITEM_COUNTS, json(new ItemCountsPage(counts, null)));
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
