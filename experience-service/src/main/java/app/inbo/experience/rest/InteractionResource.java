package app.inbo.experience.rest;

import app.inbo.experience.service.InteractionRecorder;
import app.inbo.support.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/experience/interactions")
@Tag(name = "interactions")
@SecurityRequirement(name = "jwt")
@Authenticated
public class InteractionResource {

    @Inject
    InteractionRecorder recorder;

    @Inject
    CurrentUser currentUser;

    @POST
    @Operation(summary = "Record one interaction of the caller with an item")
    @APIResponse(responseCode = "202", description = "Recorded; the event follows through the outbox")
    @APIResponse(responseCode = "400", description = "A field is invalid, or the item is not in the catalog")
    @APIResponse(responseCode = "403", description = "The render was shown to another user")
    @APIResponse(responseCode = "404", description = "The render does not exist")
    public Response record(@Valid @NotNull InteractionRequest interaction) {
        return accepted(recorder.record(currentUser.id(), List.of(interaction), false));
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Record up to 500 interactions of the caller, all or nothing")
    @APIResponse(responseCode = "202", description = "All recorded")
    @APIResponse(responseCode = "400", description = "A field is invalid (named with its index); nothing recorded")
    @APIResponse(responseCode = "403", description = "A render was shown to another user; nothing recorded")
    @APIResponse(responseCode = "404", description = "A render does not exist; nothing recorded")
    public Response recordBatch(@Valid @NotNull InteractionBatchRequest batch) {
        return accepted(recorder.record(currentUser.id(), batch.interactions(), true));
    }

    private static Response accepted(List<java.util.UUID> ids) {
        return Response.accepted(new InteractionsAccepted(ids)).type(MediaType.APPLICATION_JSON).build();
    }
}
