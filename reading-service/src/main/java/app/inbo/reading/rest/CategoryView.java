package app.inbo.reading.rest;

import app.inbo.reading.domain.Category;

import java.util.UUID;

/** A category as clients see it. */
public record CategoryView(UUID id, String slug, String name) {

    public static CategoryView of(Category category) {
        return new CategoryView(category.id, category.slug, category.name);
    }
}
