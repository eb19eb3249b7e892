package app.inbo.recommendation.domain;

import app.inbo.recommendation.config.RecommendationConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * The order of items by decayed popularity, stored as {@code item_feature.popularity_rank} so that "the most popular
 * items" is an index range scan. Popularity p valid at t is worth p * 0.5^((now - t) / h) at any later time; for two
 * items that order does not depend on now: it is the order of ln(p) + t * ln(2) / h. The rank is null when p is not
 * positive. It depends on the half-life h, so when {@code recommendation.features.popularity-half-life-hours} changes
 * every rank is recomputed once, at start.
 */
@ApplicationScoped
public class PopularityRanks {

    private static final Logger LOG = Logger.getLogger(PopularityRanks.class);
    private static final String HALF_LIFE_SETTING = "popularity_rank_half_life_seconds";

    @Inject
    EntityManager em;

    @Inject
    RecommendationConfig config;

    /**
     * The rank of {@code popularity} valid at {@code asOf}, as SQL. The statement defines the half-life in seconds as
     * {@code with half_life(seconds) as (select cast(? as double precision))}.
     */
    static String rankSql(String popularity, String asOf) {
        return ("case when %1$s > 0 then ln(%1$s) + cast(extract(epoch from %2$s) as double precision) * ln(2)"
                + " / (select seconds from half_life) end").formatted(popularity, asOf);
    }

    double halfLifeSeconds() {
        return config.features().popularityHalfLifeHours() * 3600;
    }

    void onStart(@Observes StartupEvent start) {
        recomputeIfHalfLifeChanged();
    }

    /** Recomputes every rank when they were computed with another half-life; true when it did. */
    @Transactional
    public boolean recomputeIfHalfLifeChanged() {
        double halfLife = halfLifeSeconds();
        // the row lock makes a second instance starting at the same time wait, then find the ranks current
        double rankedWith = ((Number) em.createNativeQuery("select value from feature_setting where name = ?1 for update")
                .setParameter(1, HALF_LIFE_SETTING).getSingleResult()).doubleValue();
        if (rankedWith == halfLife) {
            return false;
        }
        // rows locked in key order, as ingestion locks them, so a running instance cannot deadlock with this
        int items = em.createNativeQuery("""
                        with half_life(seconds) as (select cast(?1 as double precision))
                        update item_feature f set popularity_rank = %s
                        from (select item_id from item_feature order by item_id for update) locked
                        where f.item_id = locked.item_id"""
                        .formatted(rankSql("f.popularity", "f.popularity_as_of")))
                .setParameter(1, halfLife).executeUpdate();
        em.createNativeQuery("update feature_setting set value = ?1 where name = ?2")
                .setParameter(1, halfLife).setParameter(2, HALF_LIFE_SETTING).executeUpdate();
        LOG.infof("popularity half-life changed from %.0f s to %.0f s: recomputed the rank of %d items", rankedWith, halfLife, items);
        return true;
    }
}
