package app.inbo.support.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Real RS256 tokens, verified by smallrye-jwt's own parser behind the memory; the memory's clock is moved by hand. */
class TokenMemoryTest {

    private static final String ISSUER = "https://auth.inbo.app";
    private static final KeyPair KEYS = keys();

    private final AtomicInteger verifications = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.now());
    private final JWTParser verifier = counting(new DefaultJWTParser(new JWTAuthContextInfo(KEYS.getPublic(), ISSUER)));
    private final TokenMemory memory = new TokenMemory(config(100, Duration.ofMinutes(5)), clock);

    @Test
    void aVerifiedTokenIsNotVerifiedAgain() throws ParseException {
        String token = token("user-1", Duration.ofHours(1));
        JsonWebToken first = parse(token);
        JsonWebToken second = parse(token);
        assertEquals("user-1", second.getSubject());
        assertEquals(first.getSubject(), second.getSubject());
        assertEquals(1, verifications.get());
        parse(token("user-2", Duration.ofHours(1)));
        assertEquals(2, verifications.get(), "another token is verified in full");
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsRejected() throws ParseException {
        String token = token("user-1", Duration.ofHours(1));
        parse(token);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("user-1", "admin-0").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThrows(ParseException.class, () -> parse(forged));
        assertThrows(ParseException.class, () -> parse(forged), "a failure is not remembered either");
        assertEquals(3, verifications.get());
    }

    @Test
    void aRememberedTokenIsNeverServedAtOrAfterItsExpiry() throws ParseException {
        // past its exp by the memory's clock: handed to the verifier (whose own clock still accepts it)
        assertVerifiedAgainAfter(Duration.ofMinutes(2), Duration.ofSeconds(119), Duration.ofSeconds(2));
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterTheMaximumAge() throws ParseException {
        assertVerifiedAgainAfter(Duration.ofHours(1), Duration.ofMinutes(4), Duration.ofMinutes(2));
    }

    /** A token of {@code lifetime} is still remembered {@code remembered} after it was verified, and not {@code later}. */
    private void assertVerifiedAgainAfter(Duration lifetime, Duration remembered, Duration later) throws ParseException {
        String token = token("user-1", lifetime);
        parse(token);
        clock.advance(remembered);
        parse(token);
        assertEquals(1, verifications.get());
        clock.advance(later);
        parse(token);
        assertEquals(2, verifications.get());
    }

    @Test
    void sizeZeroRemembersNothing() throws ParseException {
        TokenMemory off = new TokenMemory(config(0, Duration.ofMinutes(5)), clock);
        String token = token("user-1", Duration.ofHours(1));
        off.parse(token, verifier);
        off.parse(token, verifier);
        assertEquals(2, verifications.get());
    }

    private JsonWebToken parse(String token) throws ParseException {
        return memory.parse(token, verifier);
    }

    private static String token(String subject, Duration lifetime) {
        return Jwt.issuer(ISSUER).subject(subject).expiresIn(lifetime).sign(KEYS.getPrivate());
    }

    /** Counts the calls of parse(String) on the real parser. */
    private JWTParser counting(JWTParser real) {
        return (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{JWTParser.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("parse") && args.length == 1) {
                        verifications.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static VerifiedTokensConfig config(long size, Duration maxAge) {
        return new VerifiedTokensConfig() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public Duration maxAge() {
                return maxAge;
            }
        };
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
