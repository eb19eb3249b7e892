package app.inbo.experience.rest;

import app.inbo.experience.service.popularity.CounterJobs;
import app.inbo.experience.service.popularity.ReconciliationReport;
import app.inbo.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The popularity counters' jobs, run on demand by an admin, and their reports. */
@Path("/api/experience/admin/counters")
@Tag(name = "admin")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class CounterAdminResource {

    @Inject
    CounterJobs jobs;

    @POST
    @Path("/reconciliations")
    @Operation(summary = "Reconcile the counters now (Redis vs stored interactions vs item features) and report "
            + "what was found and fixed; status 'skipped' when another instance is running the counter jobs")
    public ReconciliationReport reconcile() {
        return jobs.reconcile("admin");
    }

    @GET
    @Path("/reconciliations")
    @Operation(summary = "The latest reconciliation reports, newest first")
    public List<ReconciliationReport> reports(@QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        return jobs.latestReports(limit);
    }

    @POST
    @Path("/snapshots")
    @Operation(summary = "Back the Redis counters up into the database now (validated values only)")
    public CounterJobs.SnapshotReport snapshot() {
        return jobs.snapshot();
    }
}
