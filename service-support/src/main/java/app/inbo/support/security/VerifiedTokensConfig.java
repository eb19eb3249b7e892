package app.inbo.support.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How many verified bearer tokens each service remembers, and for how long at most (see {@link VerifiedTokens}). */
@ConfigMapping(prefix = "inbo.auth.verified-tokens")
public interface VerifiedTokensConfig {

    /**
     * At most this many distinct tokens are remembered (least recently used go first); 0 turns the cache off. An
     * entry holds about 1.5 kB (the token string and its parsed claims: 845 bytes measured over 20,000 real tokens,
     * plus the 611-character token), so the default bounds the cache near 7.5 MB of heap.
     */
    @WithDefault("5000")
    long size();

    /** A token is verified again after this long even when it expires later (e.g. after a key rotation). */
    @WithDefault("5m")
    Duration maxAge();
}
