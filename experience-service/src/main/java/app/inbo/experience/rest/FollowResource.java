package app.inbo.experience.rest;

import app.inbo.experience.domain.FollowTarget;
import app.inbo.experience.service.follows.Follows;
import app.inbo.support.problem.InvalidRequestException;
import app.inbo.support.rest.Ids;
import app.inbo.support.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/experience/follows")
@Tag(name = "follows")
@SecurityRequirement(name = "jwt")
@Authenticated
public class FollowResource {

    private static final String KIND = "categories or newsletters";

    @Inject
    Follows follows;

    @Inject
    CurrentUser currentUser;

    @GET
    @Operation(summary = "The categories and newsletters the caller follows, most recent first")
    public Follows.FollowList following() {
        return follows.of(currentUser.id());
    }

    @PUT
    @Path("/{kind}/{id}")
    @Operation(summary = "Follow a category or a newsletter (idempotent)")
    @APIResponse(responseCode = "204", description = "Followed (also when it already was); the change counts toward "
            + "the caller's recommendations within a second, and the newsletter's new posts lead the home page")
    @APIResponse(responseCode = "400", description = "kind is not categories or newsletters, or id is not a UUID of "
            + "a known category or newsletter")
    public Response follow(@Parameter(description = KIND) @PathParam("kind") String kind, @PathParam("id") String id) {
        follows.follow(currentUser.id(), target(kind), Ids.uuid("id", id));
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{kind}/{id}")
    @Operation(summary = "Stop following a category or a newsletter (idempotent)")
    @APIResponse(responseCode = "204", description = "Not followed (also when it was not)")
    @APIResponse(responseCode = "400", description = "kind is not categories or newsletters, or id is not a UUID")
    public Response unfollow(@Parameter(description = KIND) @PathParam("kind") String kind, @PathParam("id") String id) {
        follows.unfollow(currentUser.id(), target(kind), Ids.uuid("id", id));
        return Response.noContent().build();
    }

    private static FollowTarget target(String kind) {
        return switch (kind) {
            case "categories" -> FollowTarget.CATEGORY;
            case "newsletters" -> FollowTarget.NEWSLETTER;
            default -> throw new InvalidRequestException("kind", "must be 'categories' or 'newsletters'");
        };
    }
}
