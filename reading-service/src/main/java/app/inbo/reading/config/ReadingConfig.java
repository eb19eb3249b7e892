package app.inbo.reading.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the reading service ({@code inbo.reading.*}). */
@ConfigMapping(prefix = "inbo.reading")
public interface ReadingConfig {

    /** Progress (percent) at which an item counts as completed. */
    @WithDefault("95")
    int completionThreshold();

    /** Largest page a list endpoint serves. */
    @WithDefault("100")
    int maxPageSize();

    /** Most items "continue reading" returns in one call. */
    @WithDefault("50")
    int maxContinueLimit();

    /** Most ids one item lookup accepts. */
    @WithDefault("200")
    int maxLookupIds();
}
