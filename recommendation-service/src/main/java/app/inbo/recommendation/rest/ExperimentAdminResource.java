package app.inbo.recommendation.rest;

import app.inbo.recommendation.service.Experiments;
import app.inbo.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * A/B experiments of the ranking (admin): defining, switching (new shares or overrides) and ending one takes
 * effect on every instance within {@code recommendation.experiments.refresh}, with no redeploy.
 */
@Path("/api/recommendations/admin/experiments")
@Tag(name = "experiments")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentAdminResource {

    @Inject
    Experiments experiments;

    @GET
    @Operation(summary = "Every experiment, the most recently changed first")
    public List<ExperimentView> all() {
        return experiments.all().stream().map(ExperimentView::of).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One experiment")
    public ExperimentView one(@PathParam("name") String name) {
        return ExperimentView.of(experiments.find(name));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an experiment, or change a running one's shares or ranking overrides (409 while "
            + "another runs, or when this one has ended). Overridable: every ranking setting by its snake_case name")
    public ExperimentView define(@PathParam("name") String name, @NotNull @Valid ExperimentRequest request) {
        return ExperimentView.of(experiments.define(name, request.toVariants()));
    }

    @POST
    @Path("/{name}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "End a running experiment: every user is ranked with the winner's overrides from then on; "
            + "ending it again with the same winner changes nothing")
    public ExperimentView end(@PathParam("name") String name, @NotNull @Valid ExperimentRequest.End request) {
        return ExperimentView.of(experiments.end(name, request.winner()));
    }
}
