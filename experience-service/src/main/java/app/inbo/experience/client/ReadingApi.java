package app.inbo.experience.client;

import app.inbo.contracts.api.ContinueReadingList;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The reading service's public API, called with the user's own token (the user's own data). */
@RegisterRestClient(configKey = "reading")
@Path("/api/reading")
interface ReadingApi {

    @GET
    @Path("/continue")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ContinueReadingList> continueReading(@HeaderParam("Authorization") String authorization,
                                             @QueryParam("limit") int limit);
}
