package app.inbo.recommendation.rest;

import app.inbo.contracts.api.PageRecommendations;
import app.inbo.recommendation.service.RecommendationService;
import app.inbo.support.rest.Ids;
import app.inbo.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Reads for other services of the suite (the experience service), not routed by the gateway. Callers present a
 * service token ({@code ServiceTokens.authorizationHeader()}: RS256, group {@code service}, signed with the key
 * at {@code inbo.service-auth.signing-key-location}), verified like any token; the role {@code service} is required.
 */
@Path("/internal/recommendations/users/{user_id}")
@Tag(name = "internal")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class InternalRecommendationResource {

    @Inject
    RecommendationService recommendations;

    @GET
    @Operation(summary = "A user's recommendations and profile (preferred categories, completed and dismissed "
            + "items), in one call: what the experience service needs for a home page")
    public PageRecommendations forPage(@PathParam("user_id") String userId,
                                       @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(50) int limit) {
        UUID user = Ids.uuid("user_id", userId);
        return new PageRecommendations(recommendations.recommend(user, limit), recommendations.profile(user));
    }
}
