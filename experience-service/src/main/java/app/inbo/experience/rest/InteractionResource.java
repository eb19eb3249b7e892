package app.inbo.experience.rest;

import app.inbo.experience.service.interactions.InteractionRecorder;
import app.inbo.support.idempotency.IdempotencyKeys;
import app.inbo.support.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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

    @Inject
    IdempotencyKeys idempotencyKeys;

    static final String IDEMPOTENCY_KEY = "A key of the client's choice (a UUID per request is best), sent again "
            + "unchanged when the request is retried: the retry records nothing twice and gets the first answer. "
            + "Kept for 24 hours; 1 to 255 printable ASCII characters.";

    @POST
    @Operation(summary = "Record one interaction of the caller with an item")
    @APIResponse(responseCode = "202", description = "Recorded; the event follows through the outbox. A retry with "
            + "the same Idempotency-Key answers the same, records nothing again, and says Idempotent-Replayed: true")
    @APIResponse(responseCode = "400", description = "A field is invalid, the item is not in the catalog, or "
            + "occurred_at is outside its bounds (ahead of the server's clock by more than the allowed skew, or older "
            + "than the oldest accepted)")
    @APIResponse(responseCode = "403", description = "The render was shown to another user")
    @APIResponse(responseCode = "404", description = "The render does not exist")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before for a different request")
    public Response record(
            @Parameter(description = IdempotencyKeys.DESCRIPTION) @HeaderParam(IdempotencyKeys.HEADER) String key,
                           @Valid @NotNull InteractionRequest interaction) {
        return accepted(recorder.record(currentUser.id(), List.of(interaction.toReported()), false, IdempotencyKeys.parse(key),
                idempotencyKeys.fingerprint("single", interaction)));
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Record up to 500 interactions of the caller, all or nothing")
    @APIResponse(responseCode = "202", description = "All recorded. A retry with the same Idempotency-Key answers the "
            + "same, records nothing again, and says Idempotent-Replayed: true")
    @APIResponse(responseCode = "400", description = "A field is invalid (named with its index, e.g. "
            + "interactions[3].occurred_at outside its bounds); nothing recorded")
    @APIResponse(responseCode = "403", description = "A render was shown to another user; nothing recorded")
    @APIResponse(responseCode = "404", description = "A render does not exist; nothing recorded")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before for a different request")
    public Response recordBatch(
            @Parameter(description = IdempotencyKeys.DESCRIPTION) @HeaderParam(IdempotencyKeys.HEADER) String key,
                                @Valid @NotNull InteractionBatchRequest batch) {
        return accepted(recorder.record(currentUser.id(),
                batch.interactions().stream().map(InteractionRequest::toReported).toList(), true, IdempotencyKeys.parse(key),
                idempotencyKeys.fingerprint("batch", batch)));
    }


    private static Response accepted(InteractionRecorder.Recorded recorded) {
        Response.ResponseBuilder response = Response.accepted(new InteractionsAccepted(recorded.interactionIds()))
                .type(MediaType.APPLICATION_JSON);
        if (recorded.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
