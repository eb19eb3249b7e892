package app.inbo.experience.service.home;

import java.util.Locale;

/** The sections of the home page, in display order. */
public enum SectionType {
    CONTINUE_READING, RECOMMENDED, TRENDING, FRESH, FOR_YOU_CATEGORIES;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
