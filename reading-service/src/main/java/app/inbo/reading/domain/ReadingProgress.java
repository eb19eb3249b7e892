package app.inbo.reading.domain;

import app.inbo.contracts.events.ItemType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** How far a user got in one item; one row per user and item. */
@Entity
@Table(name = "reading_progress")
public class ReadingProgress extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Convert(converter = ItemTypeColumn.class)
    @Column(name = "item_type", nullable = false)
    public ItemType itemType;

    @Column(nullable = false)
    public int progress;

    @Column(nullable = false)
    public boolean completed;

    @Column(name = "last_read_at", nullable = false)
    public Instant lastReadAt;

    @Embeddable
    public record Key(@Column(name = "user_id") UUID userId, @Column(name = "item_id") UUID itemId) implements Serializable {
    }

    @Converter
    public static class ItemTypeColumn implements AttributeConverter<ItemType, String> {
        @Override
        public String convertToDatabaseColumn(ItemType type) {
            return type.wireName();
        }

        @Override
        public ItemType convertToEntityAttribute(String value) {
            return ItemType.fromWire(value);
        }
    }
}
