package app.inbo.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user can read or interact with. */
public enum ItemType {
    NEWSLETTER, POST;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ItemType fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown item type: " + value));
    }

    public static Optional<ItemType> parse(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst();
    }
}
