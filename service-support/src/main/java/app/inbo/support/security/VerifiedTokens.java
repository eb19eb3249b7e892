package app.inbo.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The bearer-token parser of every service (it replaces smallrye-jwt's {@link DefaultJWTParser} as the
 * {@link JWTParser} bean, which the JWT authentication mechanism calls for each request): a token whose signature
 * and claims were verified is remembered, so the next request with the same token skips the RSA verification and the
 * claims parsing (with the C1 compiler that verification was a third of the CPU of a search request).
 * <p>
 * Only the exact token string that was verified is served from memory: any other string, a tampered copy included,
 * is verified in full. A remembered token is never served at or after its {@code exp}, nor longer than
 * {@link VerifiedTokensConfig#maxAge()}; failures are never remembered. The other parser operations (verification
 * with an explicit key, decryption) go straight to the default parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private final JWTParser verifier;
    private final Clock clock;
    /** Absent when the size is 0. */
    private final Cache<String, JsonWebToken> verified;

    @Inject
    public VerifiedTokens(DefaultJWTParser verifier, VerifiedTokensConfig config) {
        this(verifier, config, Clock.systemUTC());
    }

    VerifiedTokens(JWTParser verifier, VerifiedTokensConfig config, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = config.size() <= 0 ? null : Caffeine.newBuilder().maximumSize(config.size()).expireAfterWrite(config.maxAge())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (verified == null) {
            return verifier.parse(token);
        }
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && unexpired(known)) {
            return known;
        }
        if (known != null) {
            verified.invalidate(token);
        }
        JsonWebToken fresh = verifier.parse(token);
        if (unexpired(fresh)) {
            verified.put(token, fresh);
        }
        return fresh;
    }

    /** Tokens without {@code exp} are not remembered (the verifier decides whether it accepts them at all). */
    private boolean unexpired(JsonWebToken token) {
        long expiresAt = token.getExpirationTime();
        return expiresAt > 0 && Instant.now(clock).getEpochSecond() < expiresAt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
