package app.inbo.experience.service.home;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * What a client may show of an item besides its title, and why it is where it is: the score's components, and per
 * section the recommender's reason and score ({@code recommended}), the fallback's source, or the reading progress
 * ({@code continue_reading}). Fields that do not apply are left out; the times are ISO-8601 ({@code null} when
 * unknown). {@code freshnessBasis} names the time the freshness came from ({@code created_at} or
 * {@code latest_post_at}, the fresher of the two); it is absent when neither is known ({@code freshnessUnknown}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemMetadata(
        List<String> categories,
        String newsletterName,
        @JsonInclude(JsonInclude.Include.ALWAYS) String createdAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) String latestPostAt,
        double affinity,
        double freshness,
        double popularity,
        Boolean freshnessUnknown,
        String freshnessBasis,
        String reason,
        Double recommenderScore,
        String source,
        Integer progress,
        Instant lastReadAt) {

    /** Why an item is in its section, beyond its score. */
    record Why(String reason, Double recommenderScore, String source, Integer progress, Instant lastReadAt) {

        static final Why SCORE = new Why(null, null, null, null, null);
        static final Why POPULARITY_FALLBACK = new Why(null, null, "popularity_fallback", null, null);
        static final Why FOLLOWED_NEWSLETTER = new Why(null, null, "followed_newsletter", null, null);

        static Why recommended(String reason, double recommenderScore) {
            return new Why(reason, recommenderScore, null, null, null);
        }

        static Why unfinished(int progress, Instant lastReadAt) {
            return new Why(null, null, null, progress, lastReadAt);
        }
    }
}
