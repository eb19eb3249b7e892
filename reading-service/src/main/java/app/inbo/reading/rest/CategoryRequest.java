package app.inbo.reading.rest;

import app.inbo.reading.service.Drafts.CategoryDraft;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of creating or renaming a category. */
public record CategoryRequest(
        @NotBlank @Size(max = 60) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case words joined by '-'")
        String slug,
        @NotBlank @Size(max = 100)
        String name) {

    public CategoryDraft toDraft() {
        return new CategoryDraft(slug, name);
    }
}
