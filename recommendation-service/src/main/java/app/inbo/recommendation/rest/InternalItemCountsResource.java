package app.inbo.recommendation.rest;

import app.inbo.contracts.api.ItemCounts;
import app.inbo.contracts.api.ItemCountsPage;
import app.inbo.recommendation.domain.ItemCountReads;
import app.inbo.support.rest.Ids;
import app.inbo.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
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

import java.util.List;
import java.util.UUID;

/**
 * The item features' interaction counts for the experience service's counter reconciliation (service token, role
 * {@code service}, like the other internal reads). Keyset pages in item-id order: pass the page's
 * {@code next_after} as {@code after} until it is null.
 */
@Path("/internal/recommendations/item-counts")
@Tag(name = "internal")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class InternalItemCountsResource {

    @Inject
    ItemCountReads reads;

    @GET
    @Operation(summary = "Views, clicks, opens and dismisses per item, as the item features count them")
    public ItemCountsPage itemCounts(@QueryParam("after") String after,
                                     @QueryParam("limit") @DefaultValue("5000") @Min(1) @Max(10000) int limit) {
        UUID from = after == null || after.isBlank() ? null : Ids.uuid("after", after);
        List<ItemCounts> items = reads.page(from, limit);
        return new ItemCountsPage(items, items.size() < limit ? null : items.get(items.size() - 1).itemId());
    }
}
