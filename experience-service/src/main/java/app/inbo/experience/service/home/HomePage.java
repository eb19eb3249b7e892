package app.inbo.experience.service.home;

import app.inbo.contracts.events.ItemType;

import java.util.List;
import java.util.UUID;

/** A served page: its sections in display order, and the sections that could not be served as usual. */
public record HomePage(UUID renderId, List<Section> sections, List<Degraded> degraded) {

    public record Section(String type, List<ShownItem> items) {
    }

    /** An item on the page; {@code metadata} carries what the client may show besides the title. */
    public record ShownItem(UUID id, ItemType type, String title, String description, String url, double score,
                            ItemMetadata metadata) {
    }

    /** A section missing or served from a fallback, and why ({@code timeout}, {@code unavailable}, ...). */
    public record Degraded(String section, String reason) {
    }
}
