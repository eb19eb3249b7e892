package app.inbo.search.rest;

import app.inbo.search.domain.IndexFailure;
import app.inbo.search.service.FailureRetrier;
import app.inbo.search.service.FailureStore;
import app.inbo.search.service.IndexRebuild;
import app.inbo.support.messaging.TransientFailures;
import app.inbo.support.problem.InvalidRequestException;
import app.inbo.support.problem.Problem;
import app.inbo.support.rest.Ids;
import app.inbo.support.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Operating the index: failed documents (list, retry) and a rebuild from the catalog topic. Admins only. */
@Path("/api/search/admin")
@Tag(name = "search admin")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class SearchAdminResource {

    @Inject
    FailureStore failures;

    @Inject
    FailureRetrier retrier;

    @Inject
    IndexRebuild rebuild;

    public record FailureList(String status, List<FailureView> failures) {
    }

    public record RetryResult(UUID itemId, String outcome) {
    }

    public record RetryAllResult(int succeeded, int failed, int dead) {
    }

    @GET
    @Path("/failures")
    @Operation(summary = "Documents whose indexing failed: pending (being retried) or dead (given up)")
    public FailureList list(@QueryParam("status") String status, @QueryParam("limit") String limit) {
        List<Problem.InvalidParam> invalid = new ArrayList<>();
        String which = status == null || status.isEmpty() ? IndexFailure.PENDING : status;
        if (!IndexFailure.PENDING.equals(which) && !IndexFailure.DEAD.equals(which)) {
            invalid.add(new Problem.InvalidParam("status", "must be pending or dead"));
        }
        int size = parseLimit(limit, invalid);
        if (!invalid.isEmpty()) {
            throw new InvalidRequestException(invalid);
        }
        return new FailureList(which, failures.list(which, size).stream().map(FailureView::of).toList());
    }

    @POST
    @Path("/failures/{itemId}/retry")
    @Operation(summary = "Retry one failed document now (pending or dead)")
    public RetryResult retryOne(@PathParam("itemId") String itemId) {
        UUID id = Ids.uuid("item_id", itemId);
        FailureRetrier.Result result = unlessDatabaseAway(() -> retrier.retryNow(id));
        if (result == FailureRetrier.Result.NOT_FOUND) {
            throw new NotFoundException("no stored failure for item " + id);
        }
        return new RetryResult(id, result.name().toLowerCase());
    }

    @POST
    @Path("/failures/retry")
    @Operation(summary = "Retry every failed document now (optionally only pending or only dead ones)")
    public RetryAllResult retryAll(@QueryParam("status") String status) {
        Optional<String> which = Optional.ofNullable(status).filter(s -> !s.isEmpty());
        if (which.isPresent() && !IndexFailure.PENDING.equals(which.get()) && !IndexFailure.DEAD.equals(which.get())) {
            throw new InvalidRequestException("status", "must be pending or dead");
        }
        FailureRetrier.Tally tally = unlessDatabaseAway(() -> retrier.retryAll(which));
        return new RetryAllResult(tally.succeeded, tally.failed, tally.dead);
    }

    @POST
    @Path("/index/rebuild")
    @Operation(summary = "Empty the index and rebuild it from the catalog topic, in the background (202)")
    public Response startRebuild() {
        if (!rebuild.start()) {
            throw new ClientErrorException("a rebuild is already running", Response.Status.CONFLICT);
        }
        return Response.accepted(rebuild.status()).build();
    }

    @GET
    @Path("/index/rebuild")
    @Operation(summary = "Progress of the current or last rebuild")
    public IndexRebuild.Status rebuildStatus() {
        return rebuild.status();
    }

    private static int parseLimit(String limit, List<Problem.InvalidParam> invalid) {
        if (limit == null || limit.isEmpty()) {
            return 100;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= 1000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        invalid.add(new Problem.InvalidParam("limit", "must be a whole number from 1 to 1000"));
        return 100;
    }

    private static <T> T unlessDatabaseAway(Supplier<T> work) {
        try {
            return work.get();
        } catch (PersistenceException | QuarkusTransactionException e) {
            if (TransientFailures.isTransient(e)) {
                throw new ServiceUnavailableException("the database is unavailable; retry shortly");
            }
            throw e;
        }
    }
}
