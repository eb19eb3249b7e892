package app.inbo.search.rest;

import app.inbo.search.service.SearchRequest;
import app.inbo.search.service.SearchService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Search over newsletters and posts, for signed-in users. */
@Path("/api/search")
@Tag(name = "search")
@SecurityRequirement(name = "jwt")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    SearchService search;

    // Parameters arrive as text so that a malformed one is a 400 naming it (JAX-RS would answer 404).
    @GET
    @Operation(summary = "Ranked search with highlighted snippets; typos in the query are corrected",
            description = "Relevance is full-text rank (title above description/summary above newsletter name) with "
                    + "up to +20 % for fresh items (halving every 14 days) and a bonus when the query is the whole "
                    + "title. Pass next_cursor back as cursor for the next page.")
    public SearchService.Page search(
            @Parameter(description = "the query, 1–200 characters, not blank") @QueryParam("q") String q,
            @Parameter(description = "newsletter or post") @QueryParam("type") String type,
            @Parameter(description = "a category slug") @QueryParam("category") String category,
            @Parameter(description = "results per page, 1–100, default 20") @QueryParam("limit") String limit,
            @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor) {
        return search.search(SearchRequest.of(q, type, category, limit, cursor));
    }

    @GET
    @Path("/suggest")
    @Operation(summary = "Titles for search-as-you-type: the last word is a prefix; newsletters first")
    public SearchService.Suggestions suggest(
            @Parameter(description = "what was typed so far, 1–200 characters") @QueryParam("q") String q,
            @Parameter(description = "suggestions, 1–20, default 8") @QueryParam("limit") String limit) {
        return search.suggest(q, limit);
    }
}
