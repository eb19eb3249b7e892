package app.inbo.reading.rest;

import app.inbo.reading.demo.DemoCatalog;
import app.inbo.reading.demo.DemoLoader;
import app.inbo.reading.service.CatalogSlices.BulkCatalog;
import app.inbo.reading.service.BulkLoader;
import app.inbo.support.problem.InvalidRequestException;
import app.inbo.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Loading the catalog in bulk (admin only). */
@Path("/api/reading/admin")
@Tag(name = "admin")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
public class AdminCatalogResource {

    @Inject
    BulkLoader bulk;

    @Inject
    DemoLoader demo;

    @POST
    @Path("/bulk")
    @ResponseStatus(201)
    @Operation(summary = "Load categories, newsletters and posts with caller-chosen ids, all or nothing")
    public BulkLoader.Loaded load(@Valid @NotNull BulkCatalog catalog) {
        return bulk.load(catalog);
    }

    @POST
    @Path("/demo")
    @ResponseStatus(201)
    @Operation(summary = "Generate and load the deterministic demo catalog and demo users' history (empty catalog only)")
    public DemoLoader.Report demo(@QueryParam("seed") @DefaultValue("42") long seed,
                                  @QueryParam("categories") @DefaultValue("30") int categories,
                                  @QueryParam("newsletters") @DefaultValue("2000") int newsletters,
                                  @QueryParam("posts") @DefaultValue("50000") int posts) {
        if (categories < 1 || categories > 32) {
            throw new InvalidRequestException("categories", "must be between 1 and 32");
        }
        if (newsletters < 1 || newsletters > 20_000) {
            throw new InvalidRequestException("newsletters", "must be between 1 and 20000");
        }
        if (posts < 0 || posts > 500_000) {
            throw new InvalidRequestException("posts", "must be between 0 and 500000");
        }
        return demo.load(seed, new DemoCatalog.Sizes(categories, newsletters, posts));
    }
}
