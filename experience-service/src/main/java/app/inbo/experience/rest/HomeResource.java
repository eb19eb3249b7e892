package app.inbo.experience.rest;

import app.inbo.experience.service.home.HomePage;
import app.inbo.experience.service.home.HomeScreen;
import app.inbo.experience.service.home.SectionType;
import app.inbo.support.problem.InvalidRequestException;
import app.inbo.support.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

@Path("/api/experience")
@Tag(name = "home")
@SecurityRequirement(name = "jwt")
@Authenticated
public class HomeResource {

    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Inject
    HomeScreen home;

    @Inject
    CurrentUser currentUser;

    @GET
    @Path("/home")
    @Operation(summary = "The caller's home page: sections of scored items, a render id, and degraded sections")
    public HomePage home(@QueryParam("page") @DefaultValue(HomeScreen.PAGE) String page,
                         @QueryParam("session_id") String sessionId) {
        if (!HomeScreen.PAGE.equals(page)) {
            throw new InvalidRequestException("page", "must be 'home'");
        }
        if (sessionId != null && !SESSION.matcher(sessionId).matches()) {
            throw new InvalidRequestException("session_id", "must be 1-100 letters, digits, '.', '_', ':' or '-'");
        }
        return home.compose(currentUser.id(), sessionId);
    }

    @GET
    @Path("/sections")
    @Operation(summary = "The section types of the home page, in display order")
    public List<String> sections() {
        return Arrays.stream(SectionType.values()).map(SectionType::wireName).toList();
    }
}
