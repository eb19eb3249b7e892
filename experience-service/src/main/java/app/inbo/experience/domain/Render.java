package app.inbo.experience.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A page served to a user; interactions refer to it by id. */
@Entity
@Table(name = "render")
public class Render extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(nullable = false)
    public String page;

    @Column(name = "session_id")
    public String sessionId;

    @Column(name = "rendered_at", nullable = false)
    public Instant renderedAt;

    /** The A/B experiment and variant that ranked the render's recommended section; null outside experiments. */
    public String experiment;

    public String variant;
}
