package app.inbo.experience.rest;

import app.inbo.experience.service.experiments.ExperimentReport;
import app.inbo.support.problem.InvalidRequestException;
import app.inbo.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.regex.Pattern;

/** The A/B experiments' reports (admin); experiments themselves are managed by the recommendation service. */
@Path("/api/experience/admin/experiments")
@Tag(name = "admin")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentReportResource {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    @Inject
    ExperimentReport report;

    @GET
    @Path("/{name}/report")
    @Operation(summary = "Per variant of the experiment, over the recommended section of the renders it ranked: "
            + "renders, impressions, click-through, read and completion rates and mean dwell time, with 95 % "
            + "confidence intervals (Wilson for rates, normal for the mean); no variants before its first render")
    public ExperimentReport.Report report(@PathParam("name") String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRequestException("name", "must be an experiment name: lower-case letters, digits, '_' or '-'");
        }
        return report.of(name);
    }
}
