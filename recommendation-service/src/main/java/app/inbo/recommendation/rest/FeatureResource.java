package app.inbo.recommendation.rest;

import app.inbo.recommendation.service.FeatureViews.ItemFeaturesView;
import app.inbo.recommendation.service.FeatureViews.UserFeaturesView;
import app.inbo.recommendation.service.FeatureInspection;
import app.inbo.support.rest.Ids;
import app.inbo.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

@Path("/api/recommendations")
@Tag(name = "features")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class FeatureResource {

    @Inject
    FeatureInspection inspection;

    @Inject
    Clock clock;

    @GET
    @Path("/users/{id}/features")
    @Operation(summary = "A user's features and the features of the items they touched (admin)")
    public UserFeaturesView user(@PathParam("id") String id) {
        return inspection.user(Ids.uuid("id", id));
    }

    @GET
    @Path("/items/{id}/features")
    @Operation(summary = "An item's counters, CTR and decayed popularity (admin)")
    public ItemFeaturesView item(@PathParam("id") String id) {
        UUID itemId = Ids.uuid("id", id);
        return inspection.items(List.of(itemId), clock.instant()).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("no interaction with item " + itemId + " yet"));
    }
}
