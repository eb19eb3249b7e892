package app.inbo.reading.rest;

import app.inbo.contracts.api.ContinueReadingList;
import app.inbo.contracts.events.ItemType;
import app.inbo.reading.config.ReadingConfig;
import app.inbo.contracts.events.ReadingProgressRecorded;
import app.inbo.reading.rest.CatalogRequests.ProgressRequest;
import app.inbo.reading.service.ContinueReadingQuery;
import app.inbo.reading.service.ProgressService;
import app.inbo.support.problem.InvalidRequestException;
import app.inbo.support.rest.Ids;
import app.inbo.support.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

/** The caller's reading: progress per item and "continue reading". The user is the token's subject. */
@Path("/api/reading")
@Tag(name = "reading")
@SecurityRequirement(name = "jwt")
@Authenticated
public class ProgressResource {

    @Inject
    ProgressService progress;

    @Inject
    ContinueReadingQuery continueReading;

    @Inject
    CurrentUser user;

    @Inject
    ReadingConfig config;

    public record ProgressView(UUID itemId, ItemType itemType, int progress, boolean completed, Instant lastReadAt) {
        static ProgressView of(ReadingProgressRecorded recorded) {
            return new ProgressView(recorded.itemId(), recorded.itemType(), recorded.progress(), recorded.completed(),
                    recorded.occurredAt());
        }
    }

    @PUT
    @Path("/progress/{item_type}/{item_id}")
    @Operation(summary = "Record the caller's progress (0-100) in a newsletter or post; completes at the threshold")
    public ProgressView record(@PathParam("item_type") String itemType, @PathParam("item_id") String itemId,
                               @Valid @NotNull ProgressRequest request) {
        ItemType type = ItemType.parse(itemType).orElseThrow(() ->
                new InvalidRequestException("item_type", "must be 'newsletter' or 'post'"));
        UUID id = Ids.uuid("item_id", itemId);
        return ProgressView.of(progress.record(user.id(), type, id, request.progress(), request.completed()));
    }

    @GET
    @Path("/continue")
    @Operation(summary = "The caller's unfinished items, most recently read first")
    public ContinueReadingList unfinished(@QueryParam("limit") @DefaultValue("10") int limit) {
        if (limit < 1 || limit > config.maxContinueLimit()) {
            throw new InvalidRequestException("limit", "must be between 1 and " + config.maxContinueLimit());
        }
        return new ContinueReadingList(continueReading.unfinished(user.id(), limit));
    }
}
