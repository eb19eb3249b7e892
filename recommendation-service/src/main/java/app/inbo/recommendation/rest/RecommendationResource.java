package app.inbo.recommendation.rest;

import app.inbo.contracts.api.RecommendationList;
import app.inbo.recommendation.service.RecommendationService;
import app.inbo.support.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/recommendations")
@Tag(name = "recommendations")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    @Inject
    RecommendationService recommendations;

    @Inject
    CurrentUser currentUser;

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "The caller's recommendations, best first, each with the reason it was chosen")
    public RecommendationList mine(@QueryParam("limit") @DefaultValue("10") @Min(1) @Max(50) int limit) {
        return recommendations.recommend(currentUser.id(), limit);
    }
}
