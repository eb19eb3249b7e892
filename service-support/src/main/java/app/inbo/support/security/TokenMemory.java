package app.inbo.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Tokens a parser verified, by their exact string (see {@link VerifiedTokens}): a remembered token is never served
 * at or after its {@code exp}, nor longer than {@link VerifiedTokensConfig#maxAge()}; failures are never remembered.
 */
final class TokenMemory {

    private final Clock clock;
    /** Absent when the size is 0. */
    private final Cache<String, JsonWebToken> verified;

    TokenMemory(VerifiedTokensConfig config, Clock clock) {
        this.clock = clock;
        this.verified = config.size() <= 0 ? null : Caffeine.newBuilder().maximumSize(config.size())
                .expireAfterWrite(config.maxAge()).ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    /** The remembered token, or what {@code verifier} makes of it (remembered when it verifies and is unexpired). */
    JsonWebToken parse(String token, JWTParser verifier) throws ParseException {
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
}
