package app.inbo.support.idempotency;

import app.inbo.support.problem.InvalidRequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes made safe to retry with the standard {@code Idempotency-Key} request header: the first request with a key
 * claims it in its own transaction and stores its answer there; a retry with the same key (and the same request)
 * writes nothing and gets that answer back; the same key with a different request is refused with 422. A retry
 * that races the first one waits for it (the claim is a primary-key insert).
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    /** The header's description in the OpenAPI documents. */
    public static final String DESCRIPTION = "A key of the client's choice (a UUID per logical request is best), sent "
            + "again unchanged when the request is retried: the retry writes nothing twice and gets the first answer. "
            + "Kept for 24 hours; 1 to 255 printable ASCII characters.";
    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
    private static final Pattern SANE = Pattern.compile("[\\x21-\\x7e]{1,255}");

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "inbo.idempotency.retention", defaultValue = "24h")
    Duration retention;

    /** A key as the client sent it, checked: printable ASCII, 1 to 255 characters; empty when none was sent. */
    public static Optional<String> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (!SANE.matcher(header).matches()) {
            throw new InvalidRequestException(HEADER, "must be 1 to 255 printable ASCII characters (a UUID is best)");
        }
        return Optional.of(header);
    }

    /**
     * A fingerprint of a request as parsed (so formatting does not matter): the same key may only come back with the
     * same request. {@code kind} tells requests of different operations apart.
     */
    public String fingerprint(String kind, Object request) {
        try {
            return sha256(kind, mapper.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed request cannot be written again", e);
        }
    }

    private static String sha256(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * Claims the key for this request in the caller's transaction. Empty: the request is the first with this key
     * and does its work (then {@link #answer}). Present: the stored answer of the first request, to be given again
     * without doing anything.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> claim(String scope, String key, String requestHash) {
        int claimed = em.createNativeQuery("""
                        insert into idempotent_request (scope, idempotency_key, request_hash) values (?1, ?2, ?3)
                        on conflict do nothing""")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, requestHash).executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> stored = em.createNativeQuery(
                        "select request_hash, response from idempotent_request where scope = ?1 and idempotency_key = ?2")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        Object[] first = stored.get(0);
        if (!requestHash.equals(first[0])) {
            throw new ClientErrorException("Idempotency-Key " + key + " was used for a different request; "
                    + "a new request needs a new key", 422);
        }
        return Optional.of((String) first[1]);
    }

    /** Stores the answer of the request that claimed the key, in its transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void answer(String scope, String key, String response) {
        em.createNativeQuery("update idempotent_request set response = ?3 where scope = ?1 and idempotency_key = ?2")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, response).executeUpdate();
    }

    @Scheduled(every = "${inbo.idempotency.cleanup-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldKeys() {
        int forgotten = em.createNativeQuery("delete from idempotent_request where created_at < now() - "
                        + "make_interval(secs => ?1)")
                .setParameter(1, (double) retention.toSeconds()).executeUpdate();
        if (forgotten > 0) {
            LOG.debugf("forgot %d idempotency keys older than %s", forgotten, retention);
        }
    }
}
