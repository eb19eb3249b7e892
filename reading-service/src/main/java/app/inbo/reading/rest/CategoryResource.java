package app.inbo.reading.rest;

import app.inbo.reading.service.CatalogViews.CategoryView;
import app.inbo.reading.service.CategoryService;
import app.inbo.support.rest.Ids;
import app.inbo.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;

@Path("/api/reading/categories")
@Tag(name = "catalog")
@SecurityRequirement(name = "jwt")
@Authenticated
public class CategoryResource {

    @Inject
    CategoryService categories;

    @GET
    @Operation(summary = "All categories, by name")
    public List<CategoryView> list() {
        return categories.list().stream().map(CategoryView::of).toList();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a category (admin)")
    public Response create(@Valid @NotNull CategoryRequest request, @Context UriInfo uri) {
        CategoryView created = CategoryView.of(categories.create(request.toDraft()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .type(MediaType.APPLICATION_JSON).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Rename a category or change its slug (admin)")
    public CategoryView update(@PathParam("id") String id, @Valid @NotNull CategoryRequest request) {
        return CategoryView.of(categories.update(Ids.uuid("id", id), request.toDraft()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @ResponseStatus(204)
    @Operation(summary = "Delete a category (admin)")
    public void delete(@PathParam("id") String id) {
        categories.delete(Ids.uuid("id", id));
    }
}
