package app.inbo.reading.rest;

import app.inbo.reading.service.CatalogViews.ItemView;
import app.inbo.reading.service.CatalogViews.Items;
import app.inbo.reading.service.CatalogQueries;
import app.inbo.support.problem.InvalidRequestException;
import app.inbo.support.rest.Ids;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

@Path("/api/reading/items")
@Tag(name = "catalog")
@SecurityRequirement(name = "jwt")
@Authenticated
public class ItemResource {

    @Inject
    CatalogQueries queries;

    @GET
    @Operation(summary = "Many newsletters and posts by id in one call (ids comma-separated); unknown ids are left out")
    public Items<ItemView> lookup(@QueryParam("ids") String ids) {
        if (ids == null || ids.isBlank()) {
            throw new InvalidRequestException("ids", "is required: comma-separated item ids");
        }
        Set<UUID> wanted = new LinkedHashSet<>();
        Arrays.stream(ids.split(",")).map(String::strip).forEach(id -> wanted.add(Ids.uuid("ids", id)));
        return new Items<>(queries.items(wanted));
    }
}
