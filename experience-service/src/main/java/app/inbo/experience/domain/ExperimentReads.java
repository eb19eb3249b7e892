package app.inbo.experience.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ServiceUnavailableException;
import app.inbo.support.messaging.TransientFailures;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * What an experiment's renders showed in their recommended section and what users did with it, per variant, in
 * one statement. An impression is one recommended item of one render; it was clicked, read ({@code open}) or
 * completed when an interaction of that type names the render, the section and the item (so a rate never exceeds
 * 1, however often a user taps). Dwell is every dwell time reported on the impressions.
 */
@ApplicationScoped
public class ExperimentReads {

    private static final String PER_VARIANT = """
            with shown as (
                select r.id, r.variant,
                       array(select u.item from unnest(r.item_ids, r.section_types) as u(item, section)
                             where u.section = 'recommended') as items
                from render r where r.experiment = ?),
            touched as (
                select s.variant, i.render_id, i.item_id, i.interaction_type, i.dwell_time_ms
                from shown s join interaction i on i.render_id = s.id
                where i.section_type = 'recommended' and i.render_id is not null and i.item_id = any(s.items)),
            impressions as (
                select variant, count(*) as renders, sum(cardinality(items)) as impressions from shown group by variant),
            engaged as (
                select variant, count(*) filter (where clicked) as clicked, count(*) filter (where opened) as opened,
                       count(*) filter (where completed) as completed
                from (select variant, render_id, item_id,
                             bool_or(interaction_type = 'click') as clicked,
                             bool_or(interaction_type = 'open') as opened,
                             bool_or(interaction_type = 'complete') as completed
                      from touched group by variant, render_id, item_id) per_impression
                group by variant),
            dwell as (
                select variant, count(dwell_time_ms) as n, avg(dwell_time_ms::float8) as mean,
                       stddev_samp(dwell_time_ms::float8) as sd
                from touched where dwell_time_ms is not null group by variant)
            select p.variant, p.renders, p.impressions, coalesce(e.clicked, 0), coalesce(e.opened, 0),
                   coalesce(e.completed, 0), coalesce(d.n, 0), d.mean, d.sd
            from impressions p left join engaged e on e.variant = p.variant left join dwell d on d.variant = p.variant
            order by p.variant""";

    @Inject
    DataSource dataSource;

    /** One variant's counts; {@code dwellMeanMs} and {@code dwellSdMs} are null without (enough) dwell times. */
    public record VariantCounts(String variant, long renders, long impressions, long clicked, long read,
                                long completed, long dwellCount, Double dwellMeanMs, Double dwellSdMs) {
    }

    public List<VariantCounts> perVariant(String experiment) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(PER_VARIANT)) {
            query.setString(1, experiment);
            List<VariantCounts> counts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.add(new VariantCounts(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
                            rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getObject(8, Double.class),
                            rows.getObject(9, Double.class)));
                }
            }
            return counts;
        } catch (SQLException e) {
            if (TransientFailures.isTransient(e)) {
                throw new ServiceUnavailableException("the database is unavailable; retry shortly", 1L, e);
            }
            throw new IllegalStateException("reading the report of experiment " + experiment + " failed", e);
        }
    }
}
