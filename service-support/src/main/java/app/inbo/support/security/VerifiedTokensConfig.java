package app.inbo.support.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How many verified bearer tokens each service remembers, and for how long at most (see {@link VerifiedTokens}). */
@ConfigMapping(prefix = "inbo.auth.verified-tokens")
public interface VerifiedTokensConfig {

    /**
     * At most this many distinct tokens are remembered (least recently used go first); 0 turns the cache off. An
     * entry holds a token string and its parsed claims, about 1.5 kB (docs/architecture.md), so the default bounds
     * the cache near 7.5 MB of heap.
     */
    @WithDefault("5000")
    long size();

    /** A token is verified again after this long even when it expires later (e.g. after a key rotation). */
    @WithDefault("5m")
    Duration maxAge();
}
