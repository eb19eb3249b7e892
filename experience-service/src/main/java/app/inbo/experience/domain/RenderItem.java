package app.inbo.experience.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** An item shown in a render: its section and its position there (0 = first). */
@Entity
@Table(name = "render_item")
@IdClass(RenderItem.Key.class)
public class RenderItem extends PanacheEntityBase {

    @Id
    @Column(name = "render_id")
    public UUID renderId;

    @Id
    @Column(name = "item_id")
    public UUID itemId;

    @Column(name = "section_type", nullable = false)
    public String sectionType;

    @Column(nullable = false)
    public int position;

    /** The composite id (render, item): an item appears at most once per render. */
    public static class Key implements Serializable {
        public UUID renderId;
        public UUID itemId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(renderId, key.renderId) && Objects.equals(itemId, key.itemId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(renderId, itemId);
        }
    }
}
