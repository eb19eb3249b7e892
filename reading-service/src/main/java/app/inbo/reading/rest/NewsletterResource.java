package app.inbo.reading.rest;

import app.inbo.reading.rest.CatalogRequests.NewsletterRequest;
import app.inbo.reading.rest.CatalogRequests.PostRequest;
import app.inbo.reading.service.CatalogViews.NewsletterView;
import app.inbo.reading.service.CatalogViews.Page;
import app.inbo.reading.service.CatalogViews.PostView;
import app.inbo.reading.service.CatalogQueries;
import app.inbo.reading.service.CatalogService;
import app.inbo.support.rest.Ids;
import app.inbo.support.idempotency.IdempotencyKeys;
import jakarta.ws.rs.HeaderParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import app.inbo.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.UUID;

@Path("/api/reading/newsletters")
@Tag(name = "catalog")
@SecurityRequirement(name = "jwt")
@Authenticated
public class NewsletterResource {

    @Inject
    CatalogQueries queries;

    @Inject
    CatalogService catalog;

    @Inject
    IdempotencyKeys idempotencyKeys;

    static final String IDEMPOTENCY_KEY = "A key of the client's choice (a UUID per request is best), sent again "
            + "unchanged when the request is retried: the retry creates nothing twice and gets the first answer. "
            + "Kept for 24 hours; 1 to 255 printable ASCII characters.";

    @GET
    @Operation(summary = "Newsletters, optionally of one category (slug), by name; paginated")
    public Page<NewsletterView> list(@QueryParam("category") String category,
                                     @QueryParam("page") @DefaultValue("0") int page,
                                     @QueryParam("size") @DefaultValue("20") int size) {
        return queries.newsletters(category, page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One newsletter with its categories")
    public NewsletterView get(@PathParam("id") String id) {
        return queries.newsletter(Ids.uuid("id", id));
    }

    @GET
    @Path("/{id}/posts")
    @Operation(summary = "A newsletter's posts, newest first; paginated")
    public Page<PostView> posts(@PathParam("id") String id,
                                @QueryParam("page") @DefaultValue("0") int page,
                                @QueryParam("size") @DefaultValue("20") int size) {
        return queries.posts(Ids.uuid("id", id), page, size);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a newsletter (admin)")
    @APIResponse(responseCode = "201", description = "Created. A retry with the same Idempotency-Key creates nothing "
            + "and answers with the newsletter the first attempt created")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before for a different request")
    public Response create(
            @Parameter(description = IdempotencyKeys.DESCRIPTION) @HeaderParam(IdempotencyKeys.HEADER) String key,
                           @Valid @NotNull NewsletterRequest request, @Context UriInfo uri) {
        UUID id = catalog.createNewsletter(request.toDraft(), IdempotencyKeys.parse(key),
                idempotencyKeys.fingerprint("newsletter", request)).id;
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
                .type(MediaType.APPLICATION_JSON).entity(queries.newsletter(id)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a newsletter (admin)")
    public NewsletterView update(@PathParam("id") String id, @Valid @NotNull NewsletterRequest request) {
        UUID newsletterId = Ids.uuid("id", id);
        catalog.updateNewsletter(newsletterId, request.toDraft());
        return queries.newsletter(newsletterId);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @ResponseStatus(204)
    @Operation(summary = "Delete a newsletter and its posts (admin)")
    public void delete(@PathParam("id") String id) {
        catalog.deleteNewsletter(Ids.uuid("id", id));
    }

    @POST
    @Path("/{id}/posts")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Publish a post in a newsletter (admin)")
    @APIResponse(responseCode = "201", description = "Published. A retry with the same Idempotency-Key publishes "
            + "nothing and answers with the post the first attempt published")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before for a different request")
    public Response publish(
            @Parameter(description = IdempotencyKeys.DESCRIPTION) @HeaderParam(IdempotencyKeys.HEADER) String key,
                            @PathParam("id") String id, @Valid @NotNull PostRequest request, @Context UriInfo uri) {
        UUID newsletterId = Ids.uuid("id", id);
        PostView post = PostView.of(catalog.publishPost(newsletterId, request.toDraft(), IdempotencyKeys.parse(key),
                idempotencyKeys.fingerprint("post:" + newsletterId, request)));
        return Response.created(uri.getBaseUriBuilder().path("api/reading/posts").path(post.id().toString()).build())
                .type(MediaType.APPLICATION_JSON).entity(post).build();
    }

}
