package app.inbo.experience;

import app.inbo.testing.LayerRules;
import org.junit.jupiter.api.Test;

/** rest → service → domain in this service, never back (see {@link LayerRules}). */
class LayersTest {

    @Test
    void layersPointOneWay() {
        LayerRules.check("app.inbo.experience");
    }
}
