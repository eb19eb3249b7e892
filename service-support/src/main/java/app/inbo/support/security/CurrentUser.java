package app.inbo.support.security;

import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/** The caller, as the verified JWT says: its subject is the user id. Never taken from a request field. */
@RequestScoped
public class CurrentUser {

    @Inject
    JsonWebToken token;

    public UUID id() {
        String subject = token.getSubject();
        if (subject == null) {
            throw new UnauthorizedException("the token has no subject");
        }
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            throw new UnauthorizedException("the token's subject is not a user id");
        }
    }

    public boolean isAdmin() {
        return token.getGroups().contains(Roles.ADMIN);
    }
}
