package app.inbo.support.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;

/**
 * Decorates smallrye-jwt's {@link JWTParser} bean, which the JWT authentication mechanism calls for each request: a
 * token whose signature and claims were verified is remembered ({@link TokenMemory}), so the next request with the
 * same token skips the RSA verification and the claims parsing (with the C1 compiler that verification was a third
 * of the CPU of a search request). Only the exact string that was verified is served from memory: any other string,
 * a tampered copy included, is verified in full. Only {@link #parse(String)} is decorated; the parser's other
 * operations reach it unchanged.
 */
@Decorator
@Priority(1)
public abstract class VerifiedTokens implements JWTParser {

    private final JWTParser parser;
    private final TokenMemory memory;

    @Inject
    protected VerifiedTokens(@Delegate JWTParser parser, VerifiedTokensConfig config) {
        this.parser = parser;
        this.memory = new TokenMemory(config, Clock.systemUTC());
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return memory.parse(token, parser);
    }
}
