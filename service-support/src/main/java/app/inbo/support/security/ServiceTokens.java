package app.inbo.support.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Service-to-service identity: a short-lived RS256 token with group {@code service} and the calling service as
 * subject, signed with the key at {@code inbo.service-auth.signing-key-location} (locally the suite's dev key; in
 * production the key the identity provider issues to the service). The called service verifies it like any token
 * and requires the {@code service} role on its internal endpoints.
 */
@ApplicationScoped
public class ServiceTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    @ConfigProperty(name = "inbo.service-auth.signing-key-location")
    Optional<String> signingKeyLocation;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    private volatile String token;
    private volatile Instant renewAt = Instant.MIN;

    /** The value of an Authorization header for calls to another service. */
    public String authorizationHeader() {
        if (Instant.now().isAfter(renewAt)) {
            synchronized (this) {
                if (Instant.now().isAfter(renewAt)) {
                    token = Jwt.issuer(issuer).subject(serviceName).groups(Set.of(Roles.SERVICE))
                            .expiresIn(LIFETIME).sign(signingKey());
                    renewAt = Instant.now().plus(LIFETIME).minusSeconds(60);
                }
            }
        }
        return "Bearer " + token;
    }

    private PrivateKey signingKey() {
        String location = signingKeyLocation.orElseThrow(() -> new IllegalStateException(
                "inbo.service-auth.signing-key-location (INBO_SERVICE_AUTH_SIGNING_KEY_LOCATION) is not set: this "
                        + "service cannot call internal endpoints of other services"));
        try {
            // readResource understands file paths, file: and classpath: locations
            String pem = ResourceUtils.readResource(location);
            if (pem == null) {
                throw new IllegalStateException("the service signing key " + location + " does not exist");
            }
            return KeyUtils.decodePrivateKey(pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service signing key " + location, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the service signing key " + location + " is not an RSA private key", e);
        }
    }
}
