package app.inbo.reading.rest;

import app.inbo.reading.rest.CatalogRequests.PostRequest;
import app.inbo.reading.service.CatalogViews.PostView;
import app.inbo.reading.service.CatalogService;
import app.inbo.support.rest.Ids;
import app.inbo.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/reading/posts")
@Tag(name = "catalog")
@SecurityRequirement(name = "jwt")
@Authenticated
public class PostResource {

    @Inject
    CatalogService catalog;

    @GET
    @Path("/{id}")
    @Operation(summary = "One post")
    public PostView get(@PathParam("id") String id) {
        return PostView.of(catalog.post(Ids.uuid("id", id)));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Edit a post (admin)")
    public PostView update(@PathParam("id") String id, @Valid @NotNull PostRequest request) {
        return PostView.of(catalog.updatePost(Ids.uuid("id", id), request.toDraft()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @ResponseStatus(204)
    @Operation(summary = "Delete a post (admin)")
    public void delete(@PathParam("id") String id) {
        catalog.deletePost(Ids.uuid("id", id));
    }
}
