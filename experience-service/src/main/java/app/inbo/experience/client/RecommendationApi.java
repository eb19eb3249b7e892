package app.inbo.experience.client;

import app.inbo.contracts.api.ItemCountsPage;
import app.inbo.contracts.api.PageRecommendations;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** The recommendation service's internal API (role {@code service}). */
@RegisterRestClient(configKey = "recommendation")
@Path("/internal/recommendations")
interface RecommendationApi {

    @GET
    @Path("/users/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    PageRecommendations forPage(@HeaderParam("Authorization") String serviceAuthorization,
                                @PathParam("userId") UUID userId, @QueryParam("limit") int limit);

    @GET
    @Path("/item-counts")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ItemCountsPage> itemCounts(@HeaderParam("Authorization") String serviceAuthorization,
                                   @QueryParam("after") UUID after, @QueryParam("limit") int limit);
}
