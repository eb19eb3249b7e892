package app.inbo.experience;

import app.inbo.testing.LayerRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** rest → service → domain in this service, never back (see {@link LayerRules}). */
class LayersTest {

    private static final String BASE = "app.inbo.experience";

    @Test
    void layersPointOneWay() {
        LayerRules.check(BASE);
    }

    /** The service layer's features (home, interactions, popularity, projections) use each other one way. */
    @Test
    void featuresDoNotDependOnEachOtherInACircle() {
        slices().matching(BASE + ".service.(*)..").should().beFreeOfCycles().check(LayerRules.classesOf(BASE));
    }
}
