package app.inbo.reading.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Optional;
import java.util.UUID;

/** A topic newsletters are filed under. {@code version} grows with each change and orders its events. */
@Entity
@Table(name = "category")
public class Category extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String slug;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public long version;

    public static Optional<Category> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }
}
