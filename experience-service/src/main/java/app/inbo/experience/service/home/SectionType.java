package app.inbo.experience.service.home;

import java.util.Locale;

/** The sections of the home page, in display order ({@code followed}: new posts of followed newsletters, first). */
public enum SectionType {
    FOLLOWED, CONTINUE_READING, RECOMMENDED, TRENDING, FRESH, FOR_YOU_CATEGORIES;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
