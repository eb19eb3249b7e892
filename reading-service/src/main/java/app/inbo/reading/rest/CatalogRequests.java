package app.inbo.reading.rest;

import app.inbo.reading.service.CatalogSlices;
import app.inbo.reading.service.Drafts.NewsletterDraft;
import app.inbo.reading.service.Drafts.PostDraft;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies clients send to change the catalog or their progress. */
public final class CatalogRequests {

    private CatalogRequests() {
    }

    public record NewsletterRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Size(max = 2000) String description,
            @NotBlank @Size(max = 500) @Pattern(regexp = CatalogSlices.URL, message = "must be an http(s) URL") String url,
            @NotNull @Size(max = 10) List<@NotNull UUID> categoryIds) {

        public NewsletterDraft toDraft() {
            return new NewsletterDraft(name, description, url, categoryIds);
        }
    }

    public record PostRequest(
            @NotBlank @Size(max = 300) String title,
            @NotNull @Size(max = 4000) String summary,
            @NotBlank @Size(max = 500) @Pattern(regexp = CatalogSlices.URL, message = "must be an http(s) URL") String url,
            Instant publishedAt) {

        public PostDraft toDraft() {
            return new PostDraft(title, summary, url, publishedAt);
        }
    }

    public record ProgressRequest(
            @NotNull @Min(0) @Max(100) Integer progress,
            Boolean completed) {
    }
}
