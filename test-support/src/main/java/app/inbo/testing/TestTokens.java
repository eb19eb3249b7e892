package app.inbo.testing;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/** Real RS256 tokens signed with the key whose public half the service under test trusts. */
public final class TestTokens {

    public static final String ISSUER = "https://auth.inbo.app";
    static final String PRIVATE_KEY = "inbo.test.jwt.private-key";

    private TestTokens() {
    }

    public static String user(UUID userId) {
        return sign(userId, Set.of("user"), trustedKey());
    }

    public static String admin(UUID userId) {
        return sign(userId, Set.of("user", "admin"), trustedKey());
    }

    public static String service(String serviceName) {
        return Jwt.issuer(ISSUER).subject(serviceName).groups(Set.of("service"))
                .expiresIn(Duration.ofMinutes(10)).sign(trustedKey());
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String signedByStranger(UUID userId) {
        return sign(userId, Set.of("user", "admin"), generate().getPrivate());
    }

    public static String expired(UUID userId) {
        return Jwt.issuer(ISSUER).subject(userId.toString()).groups(Set.of("user"))
                .issuedAt(java.time.Instant.now().minusSeconds(7200))
                .expiresAt(java.time.Instant.now().minusSeconds(3600)).sign(trustedKey());
    }

    private static String sign(UUID userId, Set<String> groups, PrivateKey key) {
        return Jwt.issuer(ISSUER).subject(userId.toString()).upn(userId.toString()).groups(groups)
                .expiresIn(Duration.ofMinutes(30)).sign(key);
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    /** Writes a fresh key pair as PEM files and returns the public key's path. */
    public static Path writeKeyPair(Path dir) throws IOException {
        KeyPair pair = generate();
        Path publicKey = dir.resolve("jwt-public.pem");
        Path privateKey = dir.resolve("jwt-private.pem");
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        System.setProperty(PRIVATE_KEY, privateKey.toString());
        return publicKey;
    }

    private static PrivateKey trustedKey() {
        String path = System.getProperty(PRIVATE_KEY);
        if (path == null) {
            throw new IllegalStateException("no signing key: the test must run with InboTestResource");
        }
        try {
            String body = Files.readString(Path.of(path)).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("unreadable test signing key " + path, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
