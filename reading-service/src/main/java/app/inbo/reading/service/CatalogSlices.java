package app.inbo.reading.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Slices of the catalog with ids chosen by the caller, as {@link BulkLoader} loads them: the admin endpoint's body
 * and the demo generator's output alike, so their limits live here.
 */
public final class CatalogSlices {

    public static final String URL = "https?://\\S+";

    private CatalogSlices() {
    }

    /** A slice of the catalog with ids chosen by the caller (the demo generator, a migration). */
    public record BulkCatalog(
            @NotNull @Size(max = 500) List<@Valid @NotNull BulkCategory> categories,
            @NotNull @Size(max = 1000) List<@Valid @NotNull BulkNewsletter> newsletters) {
    }

    public record BulkCategory(
            @NotNull UUID id,
            @NotBlank @Size(max = 60) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*") String slug,
            @NotBlank @Size(max = 100) String name) {
    }

    public record BulkNewsletter(
            @NotNull UUID id,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Size(max = 2000) String description,
            @NotBlank @Size(max = 500) @Pattern(regexp = URL) String url,
            @NotNull @Size(max = 10) List<@NotNull UUID> categoryIds,
            @NotNull Instant createdAt,
            @NotNull @Size(max = 2000) List<@Valid @NotNull BulkPost> posts) {
    }

    public record BulkPost(
            @NotNull UUID id,
            @NotBlank @Size(max = 300) String title,
            @NotNull @Size(max = 4000) String summary,
            @NotBlank @Size(max = 500) @Pattern(regexp = URL) String url,
            @NotNull Instant publishedAt) {
    }
}
